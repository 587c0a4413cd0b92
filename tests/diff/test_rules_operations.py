"""Operation, parameter, body, media type and status rules, each on one mutation of the real spec."""

from __future__ import annotations

import pytest

from anam_contract.diff import compare_specs
from anam_contract.spec import Spec
from tests.diff._specs import (
    Document,
    Mutation,
    Reported,
    document,
    expect,
    mutated,
    operation,
    parameter,
    reported,
)

LIST, ITEM = "/v1/personas", "/v1/personas/{id}"


def _drop_delete(doc: Document) -> None:
    del doc["paths"][ITEM]["delete"]


def _add_patch(doc: Document) -> None:
    doc["paths"][ITEM]["patch"] = {**operation(doc, ITEM, "put"), "operationId": "patchPersona"}


def _rename_get(doc: Document) -> None:
    operation(doc, ITEM, "get")["operationId"] = "fetchPersona"


def _retag_delete(doc: Document) -> None:
    operation(doc, ITEM, "delete")["tags"] = ["admin"]


def _deprecate_delete(doc: Document) -> None:
    operation(doc, ITEM, "delete")["deprecated"] = True


def _move_list_to_v2(doc: Document) -> None:
    doc["paths"]["/v2/personas"] = {"get": doc["paths"][LIST].pop("get")}


def _open_delete(doc: Document) -> None:
    operation(doc, ITEM, "delete")["security"] = []


def _add_required_query(doc: Document) -> None:
    operation(doc, LIST, "get")["parameters"].append(
        {"name": "organizationId", "in": "query", "required": True, "schema": {"type": "string"}}
    )


def _add_optional_query(doc: Document) -> None:
    operation(doc, LIST, "get")["parameters"].append({"name": "sort", "in": "query", "schema": {"type": "string"}})


def _drop_search(doc: Document) -> None:
    parameters = operation(doc, LIST, "get")["parameters"]
    parameters.remove(parameter(doc, "search"))


def _require_search(doc: Document) -> None:
    parameter(doc, "search")["required"] = True


def _drop_update_body(doc: Document) -> None:
    del operation(doc, ITEM, "put")["requestBody"]


def _optional_update_body(doc: Document) -> None:
    operation(doc, ITEM, "put")["requestBody"]["required"] = False


def _form_create_body(doc: Document) -> None:
    content = operation(doc, LIST, "post")["requestBody"]["content"]
    content["multipart/form-data"] = {"schema": {"$ref": "#/components/schemas/CreatePersonaRequest"}}


def _drop_413(doc: Document) -> None:
    del operation(doc, LIST, "post")["responses"]["413"]


def _add_409(doc: Document) -> None:
    operation(doc, LIST, "post")["responses"]["409"] = {"$ref": "#/components/responses/BadRequest"}


def _no_delete_body(doc: Document) -> None:
    del operation(doc, ITEM, "delete")["responses"]["200"]["content"]


def _api_key_scheme(doc: Document) -> None:
    doc["components"]["securitySchemes"]["apiKey"] = {"type": "apiKey", "in": "header", "name": "X-Api-Key"}


def _api_key_only(doc: Document) -> None:
    _api_key_scheme(doc)
    doc["security"] = [{"apiKey": []}]


def _bearer_or_api_key(doc: Document) -> None:
    _api_key_scheme(doc)
    doc["security"] = [{"bearerAuth": []}, {"apiKey": []}]


def _move_server(doc: Document) -> None:
    doc["servers"][0]["url"] = "https://eu.api.anam.ai"


def _rename_path_id(doc: Document) -> None:
    item = doc["paths"].pop(ITEM)
    doc["paths"]["/v1/personas/{personaId}"] = item
    item["parameters"] = [{**doc["components"]["parameters"]["PersonaId"], "name": "personaId"}]


def _snake_per_page(doc: Document) -> None:
    parameter(doc, "perPage")["name"] = "per_page"


EVERY_OPERATION = (f"GET {LIST}", f"POST {LIST}", f"GET {ITEM}", f"PUT {ITEM}", f"DELETE {ITEM}")


# (rule id, old document, new document, exactly what must be reported)
def _header(required: bool) -> Mutation:
    """GET ITEM's 200 answers with an X-Request-Id header (always sent when `required`)."""

    def add(doc: Document) -> None:
        responses = operation(doc, ITEM, "get")["responses"]
        response = dict(Spec(doc).resolve(responses["200"]))
        header = {"schema": {"type": "string"}, "required": required}
        responses["200"] = {**response, "headers": {"X-Request-Id": header}}

    return add


HEADER = f"GET {ITEM} response 200 header X-Request-Id"

CASES: list[tuple[str, Document, Document, Reported]] = [
    ("response_header_removed", mutated(_header(True)), document(), expect("response_header_removed", True, HEADER)),
    ("response_header_added", document(), mutated(_header(False)), expect("response_header_added", False, HEADER)),
    (
        "response_header_became_optional",
        mutated(_header(True)),
        mutated(_header(False)),
        expect("response_header_became_optional", True, HEADER),
    ),
    (
        "response_header_became_required",
        mutated(_header(False)),
        mutated(_header(True)),
        expect("response_header_became_required", False, HEADER),
    ),
    ("operation_removed", document(), mutated(_drop_delete), expect("operation_removed", True, f"DELETE {ITEM}")),
    ("operation_added", document(), mutated(_add_patch), expect("operation_added", False, f"PATCH {ITEM}")),
    ("operation_id_changed", document(), mutated(_rename_get), expect("operation_id_changed", True, f"GET {ITEM}")),
    (
        "operation_tag_changed",
        document(),
        mutated(_retag_delete),
        expect("operation_tag_changed", True, f"DELETE {ITEM}"),
    ),
    (
        "operation_deprecated",
        document(),
        mutated(_deprecate_delete),
        expect("operation_deprecated", False, f"DELETE {ITEM}"),
    ),
    (
        "operation_moved",
        document(),
        mutated(_move_list_to_v2),
        expect("operation_moved", True, "GET /v2/personas"),
    ),
    (
        "operation_security_removed",
        document(),
        mutated(_open_delete),
        expect("operation_security_removed", False, f"DELETE {ITEM}"),
    ),
    (
        "operation_security_added",
        mutated(_open_delete),
        document(),
        expect("operation_security_added", True, f"DELETE {ITEM}"),
    ),
    (
        "security_scheme_removed",
        document(),
        mutated(_api_key_only),
        expect("security_scheme_removed", True, *EVERY_OPERATION),
    ),
    (
        # A second accepted way leaves the first working.
        "security_scheme_added",
        document(),
        mutated(_bearer_or_api_key),
        expect("security_scheme_added", False, *EVERY_OPERATION),
    ),
    (
        "server_changed",
        document(),
        mutated(_move_server),
        expect("server_changed", False, *EVERY_OPERATION),
    ),
    (
        "path_parameter_renamed",
        document(),
        mutated(_rename_path_id),
        expect(
            "path_parameter_renamed",
            True,
            *(f"{method} /v1/personas/{{personaId}} path parameter personaId" for method in ("GET", "PUT", "DELETE")),
        ),
    ),
    (
        # The generated argument was per_page already; only the regenerated client's query string changes.
        "parameter_wire_name_changed",
        document(),
        mutated(_snake_per_page),
        expect("parameter_wire_name_changed", True, f"GET {LIST} query parameter per_page"),
    ),
    (
        "required_parameter_added",
        document(),
        mutated(_add_required_query),
        expect("required_parameter_added", True, f"GET {LIST} query parameter organizationId"),
    ),
    (
        "optional_parameter_added",
        document(),
        mutated(_add_optional_query),
        expect("optional_parameter_added", False, f"GET {LIST} query parameter sort"),
    ),
    (
        "parameter_removed",
        document(),
        mutated(_drop_search),
        expect("parameter_removed", True, f"GET {LIST} query parameter search"),
    ),
    (
        "parameter_became_required",
        document(),
        mutated(_require_search),
        expect("parameter_became_required", True, f"GET {LIST} query parameter search"),
    ),
    (
        "parameter_became_optional",
        mutated(_require_search),
        document(),
        expect("parameter_became_optional", False, f"GET {LIST} query parameter search"),
    ),
    (
        "request_body_removed",
        document(),
        mutated(_drop_update_body),
        expect("request_body_removed", True, f"PUT {ITEM} request body"),
    ),
    (
        "request_body_added",
        mutated(_drop_update_body),
        mutated(_optional_update_body),
        expect("request_body_added", False, f"PUT {ITEM} request body"),
    ),
    (
        "request_body_became_required",
        mutated(_optional_update_body),
        document(),
        expect("request_body_became_required", True, f"PUT {ITEM} request body"),
    ),
    (
        "request_body_became_optional",
        document(),
        mutated(_optional_update_body),
        expect("request_body_became_optional", False, f"PUT {ITEM} request body"),
    ),
    (
        "request_media_type_added",
        document(),
        mutated(_form_create_body),
        expect("request_media_type_added", False, f"POST {LIST} request body multipart/form-data"),
    ),
    (
        "request_media_type_removed",
        mutated(_form_create_body),
        document(),
        expect("request_media_type_removed", True, f"POST {LIST} request body multipart/form-data"),
    ),
    (
        "response_status_removed",
        document(),
        mutated(_drop_413),
        expect("response_status_removed", True, f"POST {LIST} response 413"),
    ),
    (
        "response_status_added",
        document(),
        mutated(_add_409),
        expect("response_status_added", False, f"POST {LIST} response 409"),
    ),
    (
        "response_media_type_removed",
        document(),
        mutated(_no_delete_body),
        expect("response_media_type_removed", True, f"DELETE {ITEM} response 200"),
    ),
    (
        "response_media_type_added",
        mutated(_no_delete_body),
        document(),
        expect("response_media_type_added", False, f"DELETE {ITEM} response 200"),
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_mutation_is_classified_exactly(old: Document, new: Document, expected: Reported) -> None:
    assert reported(old, new) == expected


def test_renaming_a_path_parameter_keeps_the_operation() -> None:
    # The operations still match (no operation_removed / operation_added), and the parameter in the same
    # place of the path is the same one under a new name (see CASES); the detail names both.
    details = _details(document(), mutated(_rename_path_id))
    assert details == {("path_parameter_renamed", "path parameter id renamed to personaId")}


def _details(old: Document, new: Document) -> set[tuple[str, str]]:
    return {(change.rule, change.detail) for change in compare_specs(Spec(old), Spec(new))}


def test_a_changed_media_type_is_named_in_the_detail() -> None:
    def form_only(doc: Document) -> None:
        content = operation(doc, LIST, "post")["requestBody"]["content"]
        content["multipart/form-data"] = content.pop("application/json")

    def vendor_json(doc: Document) -> None:
        content = operation(doc, ITEM, "get")["responses"]["200"]["content"]
        content["application/vnd.anam+json"] = content.pop("application/json")

    assert _details(document(), mutated(form_only)) == {
        ("request_media_type_removed", "the body can no longer be sent as application/json"),
        ("request_media_type_added", "the body can also be sent as multipart/form-data"),
    }
    assert _details(document(), mutated(vendor_json)) == {
        ("response_media_type_removed", "the application/json body is no longer documented"),
        ("response_media_type_added", "new application/vnd.anam+json body"),
    }


def test_a_scheme_redefined_under_the_same_name_is_a_change() -> None:
    def basic_under_the_same_name(doc: Document) -> None:
        doc["components"]["securitySchemes"]["bearerAuth"] = {"type": "http", "scheme": "basic"}

    assert _details(document(), mutated(basic_under_the_same_name)) == {
        ("security_scheme_removed", "credentials sent as http bearer are no longer accepted (now: http basic)")
    }  # one per operation, all with the same detail


def test_servers_are_taken_from_the_operation_then_its_path_then_the_document() -> None:
    def own_server(doc: Document) -> None:
        operation(doc, ITEM, "get")["servers"] = [{"url": "https://eu.api.anam.ai"}]

    def path_server(doc: Document) -> None:
        doc["paths"][ITEM]["servers"] = [{"url": "https://eu.api.anam.ai"}]

    assert _details(document(), mutated(own_server)) == {
        (
            "server_changed",
            "server https://api.anam.ai became https://eu.api.anam.ai;"
            " pass the new address as base_url when the old one stops answering",
        )
    }
    assert reported(document(), mutated(path_server)) == expect(
        "server_changed", False, f"GET {ITEM}", f"PUT {ITEM}", f"DELETE {ITEM}"
    )
    # Only the address counts: a server's description is documentation.
    reworded = mutated(lambda doc: doc["servers"][0].__setitem__("description", "Live"))
    assert reported(document(), reworded) == set()


def test_an_operation_id_is_followed_before_an_address() -> None:
    # listPersonas moves to /v2/personas and a new operation takes its old address: the generated
    # list_personas module stays and calls the new address; search_personas is new.
    def move_and_replace(doc: Document) -> None:
        doc["paths"]["/v2/personas"] = {"get": operation(doc, LIST, "get")}
        doc["paths"][LIST]["get"] = {**operation(doc, LIST, "get"), "operationId": "searchPersonas"}

    assert reported(document(), mutated(move_and_replace)) == {
        ("operation_moved", True, "GET /v2/personas"),
        ("operation_added", False, f"GET {LIST}"),
    }


def test_a_path_parameter_renamed_to_the_same_python_name_keeps_the_argument() -> None:
    def snake_path_id(doc: Document) -> None:
        _rename_path_id(doc)
        item = doc["paths"].pop("/v1/personas/{personaId}")
        doc["paths"]["/v1/personas/{persona_id}"] = item
        item["parameters"][0]["name"] = "persona_id"

    assert _details(mutated(_rename_path_id), mutated(snake_path_id)) == {
        (
            "parameter_wire_name_changed",
            "sent as persona_id instead of personaId; the argument persona_id keeps its name",
        )
    }


def test_a_tag_respelt_to_the_same_folder_name_is_not_a_move() -> None:
    # The generator files operations under api/<snake_case of the first tag>/: personas either way.
    respelt = mutated(lambda doc: operation(doc, ITEM, "delete").__setitem__("tags", ["Personas"]))
    assert reported(document(), respelt) == set()


def test_an_operation_id_respelt_to_the_same_module_name_is_not_a_rename() -> None:
    # getPersona and GetPersona both give the module get_persona and the same functions.
    respelt = mutated(lambda doc: operation(doc, ITEM, "get").__setitem__("operationId", "GetPersona"))
    assert reported(document(), respelt) == set()
