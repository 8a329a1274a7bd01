"""Confine worker processes: off the network (a seccomp filter refusing IPv4 and IPv6 sockets), and
ended with their parent.

Query workers install it when SERVICE is off, so even a query that slipped past the guard
cannot open a connection (pipes and Unix sockets to the server keep working). Linux only;
elsewhere, or where the kernel refuses filters, `deny_network` reports False and changes nothing.
"""

from __future__ import annotations

import ctypes
import platform
import signal
import struct

__all__ = ["deny_network", "die_with_parent"]

_ARCHES = {  # machine -> (AUDIT_ARCH_*, the number of the socket syscall)
    "x86_64": (0xC000003E, 41),
    "aarch64": (0xC00000B7, 198),
}
_LD_ABS, _JEQ, _RET = 0x20, 0x15, 0x06
_ALLOW, _ERRNO, _EACCES = 0x7FFF0000, 0x00050000, 13
_AF_INET, _AF_INET6 = 2, 10
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2


def _program(arch: int, socket_nr: int) -> bytes:
    """The BPF program: socket(AF_INET | AF_INET6, ...) -> EACCES; everything else allowed."""
    insns = [
        (_LD_ABS, 0, 0, 4),  # seccomp_data.arch
        (_JEQ, 0, 5, arch),  # another ABI: allow
        (_LD_ABS, 0, 0, 0),  # seccomp_data.nr
        (_JEQ, 0, 3, socket_nr),
        (_LD_ABS, 0, 0, 16),  # args[0], the address family (low word)
        (_JEQ, 2, 0, _AF_INET),
        (_JEQ, 1, 0, _AF_INET6),
        (_RET, 0, 0, _ALLOW),
        (_RET, 0, 0, _ERRNO | _EACCES),
    ]
    return b"".join(struct.pack("HBBI", *insn) for insn in insns)


def deny_network() -> bool:
    """Refuse IPv4/IPv6 sockets to this process and its children from now on; True if in force."""
    known = _ARCHES.get(platform.machine())
    if known is None or platform.system() != "Linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    code = _program(*known)
    filters = ctypes.create_string_buffer(code, len(code))

    class _Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = _Prog(len(code) // 8, ctypes.cast(filters, ctypes.c_void_p))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent goes away (no orphans after a SIGTERM or crash)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
