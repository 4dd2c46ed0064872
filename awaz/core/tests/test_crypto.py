import pytest
from django.core.exceptions import ImproperlyConfigured

from awaz.core import crypto


def test_round_trip_and_key_id():
    token = crypto.encrypt_str("Ada Example", purpose="t.col")
    assert token.startswith("enc1:test2:")
    assert "Ada" not in token
    assert crypto.decrypt_str(token, purpose="t.col") == "Ada Example"


def test_ciphertext_bound_to_purpose():
    token = crypto.encrypt_str("secret", purpose="reporting.report.contact_name")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_str(token, purpose="reporting.report.what_happened")


def test_old_key_still_decrypts_after_rotation(settings):
    settings.FIELD_ENCRYPTION_KEYS = "test1:QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI="
    old = crypto.encrypt_str("kept", purpose="p")
    assert crypto.key_id_of(old) == "test1"
    settings.FIELD_ENCRYPTION_KEYS = (
        "test2:QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=,"
        "test1:QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI="
    )
    assert crypto.decrypt_str(old, purpose="p") == "kept"
    assert crypto.key_id_of(crypto.encrypt_str("new", purpose="p")) == "test2"


def test_bad_key_refused(settings):
    settings.FIELD_ENCRYPTION_KEYS = "k:c2hvcnQ="
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt_str("x", purpose="p")


def test_bytes_round_trip():
    blob = crypto.encrypt_bytes(b"\x89PNG...", purpose="evidence:abc")
    assert crypto.decrypt_bytes(blob, purpose="evidence:abc") == b"\x89PNG..."
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_bytes(blob, purpose="evidence:other")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (" Ada@Example.ORG ", "ada@example.org"),
    ],
)
def test_blind_index_matches_normalised_email(a, b):
    assert crypto.blind_index("email", crypto.normalise_email(a)) == crypto.blind_index(
        "email", crypto.normalise_email(b)
    )


def test_phone_normalisation():
    assert crypto.normalise_phone("+44 7700 900123") == "07700900123"
    assert crypto.normalise_phone("07700 900 123") == "07700900123"
    assert crypto.normalise_phone("0044 (7700) 900123") == "07700900123"


def test_blind_index_domain_separated():
    assert crypto.blind_index("email", "x") != crypto.blind_index("phone", "x")
    assert crypto.blind_index("email", "") == ""
