"""Development keys, made once per checkout under ``var/`` (never committed).

The embedded default must run on a bare machine, yet no key may live in the repository.
So the first run writes random keys to ``var/dev-keys.json``; production never calls this
(``config/settings/production.py`` demands real keys from the environment).
"""

import base64
import json
import os
import secrets
from pathlib import Path


def load_or_create(var_dir: Path) -> dict[str, str]:
    path = var_dir / "dev-keys.json"
    if path.exists():
        return dict(json.loads(path.read_text()))
    var_dir.mkdir(parents=True, exist_ok=True)
    keys = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": "dev1:" + base64.b64encode(os.urandom(32)).decode(),
        "BLIND_INDEX_KEY": base64.b64encode(os.urandom(32)).decode(),
    }
    # Two processes may race on a first start: write atomically, then read what won.
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(keys))
    os.chmod(tmp, 0o600)
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return dict(json.loads(path.read_text()))
