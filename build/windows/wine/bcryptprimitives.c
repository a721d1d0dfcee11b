/*
 * A stand-in for Windows' bcryptprimitives.dll, for TESTS UNDER WINE ONLY.
 *
 * Go 1.24 and later need ProcessPrng from bcryptprimitives.dll at start-up (every
 * Windows version Go supports, 10 and later, has it). Wine 8.0, the version in
 * Debian 12, does not ship that DLL, so a Go program dies under it with
 * "bcryptprimitives.dll not found". scripts/windows-test.sh builds this file with
 * mingw-w64 and copies the DLL into the throwaway Wine prefix's system32. It is
 * never shipped in the installer.
 *
 * ProcessPrng fills the buffer from the system's preferred random generator
 * (BCryptGenRandom, which Wine implements), in chunks because that takes a ULONG.
 */
#include <windows.h>
#include <bcrypt.h>

#ifndef BCRYPT_USE_SYSTEM_PREFERRED_RNG
#define BCRYPT_USE_SYSTEM_PREFERRED_RNG 0x00000002
#endif

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
