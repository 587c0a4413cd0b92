"""Helpers of the contract suite: settings, model round trips, coverage, checks and live-mode safety."""

from anam_contract.suite._checks import (
    CheckSetup,
    configure_checks,
    expected_after_update,
    same_id,
    unchanged_fields,
)
from anam_contract.suite._coverage import Coverage, Target, find_targets
from anam_contract.suite._exercise import UPDATE_VALUES, walk_documented_rules
from anam_contract.suite._guard import Guard, Refused
from anam_contract.suite._http import Caller, GuardedSession
from anam_contract.suite._models import ModelMap, model_class, round_trip
from anam_contract.suite._paging import page_problems
from anam_contract.suite._reports import drop_pieces, read_pieces, start_pieces, write_piece
from anam_contract.suite._rules import (
    check_deleted_persona_is_gone,
    check_other_organisation_sees_nothing,
    check_read_only_key_cannot_write,
    check_search_ignores_letter_case,
    check_tool_ids_replace_the_list,
    check_update_changes_only_what_it_sends,
    check_update_refuses_invalid_bodies,
    create_persona,
)
from anam_contract.suite._run import APP_ENV, SuiteRun, current_run, not_sent, start_run
from anam_contract.suite._settings import (
    SWEEP_PREFIX,
    ApiKey,
    RunSettings,
    SettingsError,
    read_settings,
)
from anam_contract.suite._stats import Stats, link_label
from anam_contract.suite._strategies import component_strategy

__all__ = [
    "APP_ENV",
    "SWEEP_PREFIX",
    "UPDATE_VALUES",
    "ApiKey",
    "Caller",
    "CheckSetup",
    "Coverage",
    "Guard",
    "GuardedSession",
    "ModelMap",
    "Refused",
    "RunSettings",
    "SettingsError",
    "Stats",
    "SuiteRun",
    "Target",
    "check_deleted_persona_is_gone",
    "check_other_organisation_sees_nothing",
    "check_read_only_key_cannot_write",
    "check_search_ignores_letter_case",
    "check_tool_ids_replace_the_list",
    "check_update_changes_only_what_it_sends",
    "check_update_refuses_invalid_bodies",
    "component_strategy",
    "configure_checks",
    "create_persona",
    "current_run",
    "drop_pieces",
    "expected_after_update",
    "find_targets",
    "link_label",
    "model_class",
    "not_sent",
    "page_problems",
    "read_pieces",
    "read_settings",
    "round_trip",
    "same_id",
    "start_pieces",
    "start_run",
    "unchanged_fields",
    "walk_documented_rules",
    "write_piece",
]
