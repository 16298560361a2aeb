"""Authenticated encryption of backups: scrypt key, AES-256-GCM in 1 MiB chunks (STREAM)."""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from desk.i18n import _
from desk.store.errors import StoreError

MAGIC = b"DESKENC1"
CHUNK = 1 << 20
LOG2_N, R, P = 15, 8, 1
_HEAD = struct.Struct(">8sBBBB16s7s")
_LENGTH = struct.Struct(">I")
CHECK_COUNTER = 0xFFFFFFFF


class BackupError(StoreError):
    """A backup cannot be taken, checked or restored; the message says why."""


class WrongPassphrase(BackupError):
    """The passphrase does not open this encrypted backup."""


def derive_key(passphrase: str, salt: bytes, log2_n: int = LOG2_N, r: int = R, p: int = P) -> bytes:
    """A 256-bit key from a passphrase with scrypt."""
    return Scrypt(salt=salt, length=32, n=1 << log2_n, r=r, p=p).derive(passphrase.encode())


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + counter.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def is_encrypted(path: Path) -> bool:
    """Whether a file starts like an encrypted desk backup."""
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def encrypt_file(source: Path, target: BinaryIO, passphrase: str) -> None:
    """Encrypt a file chunk by chunk; each chunk is authenticated, and so is the end."""
    salt, prefix = os.urandom(16), os.urandom(7)
    head = _HEAD.pack(MAGIC, 1, LOG2_N, R, P, salt, prefix)
    aead = AESGCM(derive_key(passphrase, salt))
    target.write(head)
    target.write(aead.encrypt(_nonce(prefix, CHECK_COUNTER, True), b"", head))
    with source.open("rb") as handle:
        counter, chunk = 0, handle.read(CHUNK)
        while True:
            following = handle.read(CHUNK)
            last = not following
            sealed = aead.encrypt(_nonce(prefix, counter, last), chunk, head)
            target.write(_LENGTH.pack(len(sealed)) + sealed)
            if last:
                return
            counter, chunk = counter + 1, following


def decrypt_file(source: Path, target: BinaryIO, passphrase: str) -> None:
    """Decrypt a backup; a wrong passphrase and a damaged or cut file each say so."""
    damaged = BackupError(_("{path} is damaged: it does not decrypt.").format(path=source))
    with source.open("rb") as handle:
        head = handle.read(_HEAD.size)
        if len(head) < _HEAD.size or not head.startswith(MAGIC):
            raise BackupError(_("{path} is not an encrypted desk backup.").format(path=source))
        _magic, _version, log2_n, r, p, salt, prefix = _HEAD.unpack(head)
        aead = AESGCM(derive_key(passphrase, salt, log2_n, r, p))
        try:
            aead.decrypt(_nonce(prefix, CHECK_COUNTER, True), handle.read(16), head)
        except InvalidTag:
            raise WrongPassphrase(_("Wrong passphrase for {path}.").format(path=source)) from None
        counter = 0
        while True:
            size = handle.read(_LENGTH.size)
            if len(size) < _LENGTH.size:
                raise damaged
            sealed = handle.read(_LENGTH.unpack(size)[0])
            last = handle.peek(1)[:1] == b"" if hasattr(handle, "peek") else False
            try:
                target.write(aead.decrypt(_nonce(prefix, counter, last), sealed, head))
            except InvalidTag:
                raise damaged from None
            if last:
                return
            counter += 1
