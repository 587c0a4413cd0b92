"""What a test of the suite comes to: failed listing its differences, or skipped when it sent nothing."""

from __future__ import annotations

from contract_tests.support._outcome import failure_message, nothing_sent
from tests.contract_tests.test_report_files import recorder_with_one_difference


def test_a_test_fails_listing_its_differences_and_is_skipped_when_it_sent_nothing() -> None:
    recorder = recorder_with_one_difference()
    assert recorder.test.sent == 2
    message = failure_message(recorder)
    assert message is not None and message.startswith("1 distinct differences") and "/avatar" in message
    recorder.begin_test()
    recorder.generated("updatePersona")
    recorder.held_back("updatePersona", "not a persona this run created")
    assert failure_message(recorder) is None
    assert nothing_sent(recorder) == (
        "no request was sent: all 1 cases were held back (1x not a persona this run created)"
    )
