"""Tests for desk.rules.phone: parsing phone numbers as typed at a Chinese front desk."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

import desk
from desk.rules.phone import Phone, PhoneError, digits_only, parse_phone

LOCALE = Path(desk.__file__).parent / "locale"
CODES = ["empty", "invalid", "not_a_number", "needs_area_code", "too_short", "mobile_extension"]

MOBILE = Phone("", "+8613812345678", None, "mobile", "138 1234 5678")
LANDLINE = Phone("", "+869318942000", None, "fixed", "0931-8942000")
LANDLINE_EXT = Phone("", "+869318942000", "123", "fixed", "0931-8942000 转123")


def without_raw(phone: Phone) -> Phone:
    """The phone with raw blanked, to compare the parsed parts only."""
    return Phone("", phone.e164, phone.extension, phone.kind, phone.display)


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "+86 138 1234 5678",
        "+86-138-1234-5678",
        "(+86)13812345678",
        "008613812345678",
        "0086 138 1234 5678",
        "8613812345678",
        "138-1234-5678",
        "  13812345678 ",
        "１３８１２３４５６７８",
        "＋８６\u3000１３８－１２３４－５６７８",
    ],
)
def test_mobile(raw: str) -> None:
    assert without_raw(parse_phone(raw)) == MOBILE


@pytest.mark.parametrize(
    "raw",
    [
        "0931-8942000",
        "(0931)8942000",
        "(0931) 894-2000",
        "0931 8942000",
        "09318942000",
        "0931—8942000",
        "0931–8942000",
        "（０９３１）８９４２０００",
        "+86 931 8942000",
        "+86 (0931) 894 2000",
    ],
)
def test_landline(raw: str) -> None:
    assert without_raw(parse_phone(raw)) == LANDLINE


@pytest.mark.parametrize(
    "raw",
    [
        "0931-8942000转123",
        "0931-8942000 转 123",
        "0931-8942000轉123",
        "0931-8942000 分机 123",
        "0931-8942000分机号：123",
        "0931-8942000，转123",
        "0931-8942000-123",
        "0931-8942000 - 123",
        "0931-8942000 ext 123",
        "0931-8942000 EXT. 123",
        "0931-8942000 #123",
        "0931-8942000#123",
        "0931-8942000 x123",
        "0931-8942000X123",
        "０９３１－８９４２０００转１２３",
    ],
)
def test_landline_with_extension(raw: str) -> None:
    assert without_raw(parse_phone(raw)) == LANDLINE_EXT


@pytest.mark.parametrize(
    ("raw", "extension"),
    [("0931-8942000-1", "1"), ("0931-8942000-12345", "12345"), ("010-12345678-8001", "8001")],
)
def test_trailing_dash_group_is_an_extension_after_a_full_landline(
    raw: str, extension: str
) -> None:
    phone = parse_phone(raw)
    assert (phone.kind, phone.extension) == ("fixed", extension)


@pytest.mark.parametrize(
    ("raw", "e164", "display"),
    [
        ("010-6552-9988", "+861065529988", "010-65529988"),  # dashes inside the number
        ("0931-894-2000", "+869318942000", "0931-8942000"),
        ("0755-86013388", "+8675586013388", "0755-86013388"),
    ],
)
def test_dash_groups_inside_a_landline_are_not_extensions(
    raw: str, e164: str, display: str
) -> None:
    phone = parse_phone(raw)
    assert (phone.e164, phone.extension, phone.display) == (e164, None, display)


def test_six_digit_dash_group_is_not_an_extension() -> None:
    with pytest.raises(PhoneError) as caught:
        parse_phone("0931-8942000-123456")
    assert caught.value.code == "invalid"


@pytest.mark.parametrize(
    "raw",
    [
        "138 1234 5678 转 12",
        "13812345678转12",
        "138-1234-5678 分机 8001",
        "13812345678 ext 5",
        "13812345678#12",
        "１３８１２３４５６７８转１２",
        "+86 138 1234 5678 x12",
        "+852 9123 4567 转 1",
        "13812345678-12",
    ],
)
def test_a_mobile_has_no_extension(raw: str) -> None:
    with pytest.raises(PhoneError) as caught:
        parse_phone(raw)
    assert caught.value.code == "mobile_extension"


def test_the_mobile_extension_message(language) -> None:  # type: ignore[no-untyped-def]
    language("zh_CN")
    assert PhoneError("mobile_extension").message == "手机号码没有分机号，请只填写手机号码。"


def test_a_mobile_without_extension_and_a_landline_with_one_still_pass() -> None:
    assert parse_phone("138 1234 5678").kind == "mobile"
    assert parse_phone("0931-8942000 转 12").extension == "12"
    assert parse_phone("+1 650 253 0000 ext 5").extension == "5"


@pytest.mark.parametrize(
    ("raw", "e164", "display"),
    [
        ("+1 650 253 0000", "+16502530000", "+1 650-253-0000"),
        ("001 650 253 0000", "+16502530000", "+1 650-253-0000"),
        ("+44 20 7946 0958", "+442079460958", "+44 20 7946 0958"),
        ("+852 9123 4567", "+85291234567", "+852 9123 4567"),
    ],
)
def test_international(raw: str, e164: str, display: str) -> None:
    assert without_raw(parse_phone(raw)) == Phone("", e164, None, "international", display)


def test_international_with_extension() -> None:
    phone = parse_phone("+1 650 253 0000 ext 5")
    assert (phone.e164, phone.extension, phone.kind) == ("+16502530000", "5", "international")
    assert phone.display == "+1 650-253-0000 转5"


@pytest.mark.parametrize("raw", ["120", "110", "119", "12345", "95588", "10086", " 10086 "])
def test_short_numbers_are_kept_raw(raw: str) -> None:
    phone = parse_phone(raw)
    assert phone == Phone(raw.strip(), None, None, "short", raw.strip())


@pytest.mark.parametrize("raw", ["122", "12320", "12315", "95555", "96120", "10000", "12395"])
def test_real_service_numbers_are_short_numbers(raw: str) -> None:
    assert parse_phone(raw).kind == "short"


@pytest.mark.parametrize(
    "raw", ["123", "1234", "100", "112", "114", "168", "1080", "9555", "55555"]
)
def test_made_up_short_numbers_are_refused_with_one_clear_message(raw: str) -> None:
    """phonenumbers' CN data matches 100, 112, 114, 123, 168 and 1080-1089 too; nobody gives
    one of those as a callback number, so 3-4 digit codes must be free-to-call ones."""
    with pytest.raises(PhoneError) as caught:
        parse_phone(raw)
    assert caught.value.code == "too_short"
    assert "120" in str(caught.value) and "12345" in str(caught.value)


def test_123_and_1234_read_the_same_chinese_message(language) -> None:
    language("zh_CN")
    messages = set()
    for raw in ("123", "1234", "１２３"):
        with pytest.raises(PhoneError) as caught:
            parse_phone(raw)
        messages.add(caught.value.message)
    assert len(messages) == 1
    assert "120" in messages.pop()


def test_full_width_short_number_is_displayed_as_ascii_digits() -> None:
    phone = parse_phone("１２０")
    assert (phone.raw, phone.kind, phone.display, phone.e164) == ("１２０", "short", "120", None)


@pytest.mark.parametrize(
    ("raw", "e164", "display"),
    [
        ("400-810-8888", "+864008108888", "400 810 8888"),
        ("800 810 1234", "+868008101234", "800 810 1234"),
    ],
)
def test_service_numbers_are_other(raw: str, e164: str, display: str) -> None:
    assert without_raw(parse_phone(raw)) == Phone("", e164, None, "other", display)


def test_raw_is_as_typed_but_stripped() -> None:
    assert parse_phone("  (0931) 894-2000 转 5 ").raw == "(0931) 894-2000 转 5"


@pytest.mark.parametrize("raw", ["8942000", "894-2000", "89420000"])
def test_bare_landline_needs_area_code(raw: str) -> None:
    with pytest.raises(PhoneError) as caught:
        parse_phone(raw)
    assert caught.value.code == "needs_area_code"


@pytest.mark.parametrize("area", ["0931", "931", "0931-"])
def test_bare_landline_gets_default_area_code(area: str) -> None:
    phone = parse_phone("8942000", default_area_code=area)
    assert phone == Phone("8942000", "+869318942000", None, "fixed", "0931-8942000")


def test_bare_landline_with_extension_gets_default_area_code() -> None:
    phone = parse_phone("894-2000 转 12", default_area_code="0931")
    assert (phone.e164, phone.extension, phone.display) == (
        "+869318942000",
        "12",
        "0931-8942000 转12",
    )


def test_bare_landline_of_wrong_length_for_the_area_is_invalid() -> None:
    with pytest.raises(PhoneError) as caught:
        parse_phone("89420001", default_area_code="0931")  # 0931 numbers have 7 digits
    assert caught.value.code == "invalid"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("\u3000", "empty"),
        ("12345678901", "invalid"),
        ("1381234567", "invalid"),
        ("1234", "too_short"),
        ("0120", "too_short"),
        ("1234567", "invalid"),  # 7-8 digits starting 0 or 1 are not bare landlines
        ("0123456", "invalid"),
        ("12345678", "invalid"),
        ("+120", "invalid"),  # short numbers are never international
        ("00120", "invalid"),
        ("8942000-12", "needs_area_code"),
        ("138" + " " * 70 + "12345678", "invalid"),  # too long to be a phone number
        ("+86 95588", "invalid"),
        ("#123", "invalid"),
        ("1" * 80, "invalid"),
        ("abc", "not_a_number"),
        ("13812345678 abc", "not_a_number"),
        ("138.1234.5678", "not_a_number"),
        ("0931-8942000转", "not_a_number"),
        ("---", "not_a_number"),
        ("\x1b[2J13812345678", "not_a_number"),
    ],
)
def test_rejected(raw: str, code: str) -> None:
    with pytest.raises(PhoneError) as caught:
        parse_phone(raw)
    assert caught.value.code == code
    assert isinstance(caught.value, ValueError)


def test_unknown_region_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="region"):
        parse_phone("13812345678", region="XX")


def test_other_region() -> None:
    phone = parse_phone("(650) 253-0000", region="US")
    assert (phone.e164, phone.kind) == ("+16502530000", "fixed")
    assert parse_phone("+86 138 1234 5678", region="US").kind == "international"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("138-1234-5678", "13812345678"),
        ("１３８ａ１２", "13812"),
        ("+86 (0931)", "860931"),
        ("无", ""),
        ("٣", ""),  # other Unicode digits are not folded
    ],
)
def test_digits_only(text: str, expected: str) -> None:
    assert digits_only(text) == expected


def test_phone_is_frozen() -> None:
    phone = parse_phone("13812345678")
    with pytest.raises(AttributeError):
        phone.kind = "fixed"  # type: ignore[misc]


def test_phone_error_rejects_unknown_code() -> None:
    with pytest.raises(ValueError, match="Unknown"):
        PhoneError("nope")


@pytest.mark.parametrize("code", CODES)
def test_phone_error_str_is_english_and_pickles(code: str) -> None:
    error = PhoneError(code)
    assert str(error).endswith(".")
    assert str(error) != code
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.code, str(copy)) == (code, str(error))


@pytest.fixture
def language():
    """Let a test switch the language and restore it afterwards."""
    from desk import i18n

    previous = i18n.current_language()
    yield i18n.set_language
    i18n.set_language(previous)


@pytest.mark.parametrize("code", CODES)
def test_phone_error_message_in_chinese(language, code: str) -> None:
    language("zh_CN")
    message = PhoneError(code).message
    assert message
    assert message != str(PhoneError(code))
    assert re.search(r"[\u4e00-\u9fff]", message)


@pytest.mark.parametrize("code", CODES)
def test_phone_error_message_in_english(language, code: str) -> None:
    language("en")
    assert PhoneError(code).message == str(PhoneError(code))


def po_msgids(path: Path) -> set[str]:
    """The non-empty msgids of a .po file."""
    return set(re.findall(r'^msgid "(.+)"$', path.read_text(encoding="utf-8"), re.MULTILINE))


def test_rules_po_files_cover_every_message() -> None:
    messages = {str(PhoneError(code)) for code in CODES}
    for language in ("zh_CN", "en"):
        # rules.po holds the first four; the short-number message came later, in phone.po.
        found = po_msgids(LOCALE / language / "rules.po") | po_msgids(
            LOCALE / language / "phone.po"
        )
        assert messages <= found


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "１３８-１２３４-５６７８",
        "0931-8942000转123",
        "010 1234 5678 ext 8001",
        "+1 650 253 0000 ext 5",
        "+44 20 7946 0958",
        "12345",
        "１２０",
    ],
)
def test_the_stored_display_form_parses_back_to_itself(raw: str) -> None:
    """What the stores keep (the display form) is read again by follow-ups and edits."""
    phone = parse_phone(raw)
    again = parse_phone(phone.display)
    assert (again.display, again.e164, again.extension) == (
        phone.display,
        phone.e164,
        phone.extension,
    )
