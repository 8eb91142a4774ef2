"""What the headless commands print, independent of any cache."""

from __future__ import annotations

import io

import pytest

from frontdesk import __version__
from frontdesk.cli import main, price_text
from frontdesk.domain.money import UnitPrice


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        ("2.1", "GBP", "2.10"),
        ("0.125", "GBP", "0.125"),
        ("3", "GBP", "3.00"),
        ("150", "JPY", "150"),
    ],
)
def test_unit_prices_show_at_least_the_minor_digits(amount: str, currency: str, text: str):
    assert price_text(UnitPrice.of(amount, currency)) == text


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])

    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"frontdesk {__version__}"


def test_login_without_a_password_on_stdin_is_a_usage_error(tmp_path) -> None:
    err = io.StringIO()

    code = main(
        [
            "--data-dir",
            str(tmp_path),
            "login",
            "--server",
            "http://127.0.0.1:9",
            "--user",
            "ann",
            "--password-stdin",
        ],
        stdin=io.StringIO(""),
        stdout=io.StringIO(),
        stderr=err,
    )

    assert code == 2
    assert err.getvalue() == "frontdesk: no password on stdin (--password-stdin)\n"


def test_smoke_screenshot_with_a_command_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--smoke-screenshot", "x.png", "sync"])

    assert info.value.code == 2
    assert "takes no command" in capsys.readouterr().err
