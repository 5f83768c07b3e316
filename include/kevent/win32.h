/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <kevent/win32.h>: Win32 event calls on kevent, for code ported from
 * Windows. CreateEvent, OpenEvent, SetEvent, ResetEvent, PulseEvent,
 * CloseHandle, WaitForSingleObject(Ex), WaitForMultipleObjects(Ex),
 * SignalObjectAndWait and GetLastError behave as on Windows (docs/porting-from-windows.md lists
 * every difference). Link with `pkg-config --libs kevent-win32`.
 *
 * A HANDLE is an event file descriptor plus one, so that a valid handle is
 * never NULL (fd 0 included) and a failed CreateEvent returns NULL as on
 * Windows; kev_fd_from_handle() gives the fd for poll/epoll or a driver's
 * ioctl (where Windows would call DeviceIoControl), kev_handle_from_fd()
 * the other way.
 */
#ifndef KEVENT_WIN32_H
#define KEVENT_WIN32_H

#include <stdint.h>
#include <wchar.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void *HANDLE;
typedef int BOOL;
typedef uint32_t DWORD;
typedef wchar_t WCHAR;		/* so that L"..." literals work */
typedef const char *LPCSTR;
typedef const WCHAR *LPCWSTR;

/*
 * bInheritHandle is honoured (the fd is then not close-on-exec). A security
 * descriptor is not: lpSecurityDescriptor must be NULL, else the call fails
 * with ERROR_INVALID_PARAMETER; an event gets mode 0600 (its creator's).
 */
typedef struct _SECURITY_ATTRIBUTES {
	DWORD nLength;
	void *lpSecurityDescriptor;
	BOOL bInheritHandle;
} SECURITY_ATTRIBUTES, *PSECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;

#ifndef TRUE
#define TRUE	1
#endif
#ifndef FALSE
#define FALSE	0
#endif

#define INFINITE		0xFFFFFFFFu
#define MAXIMUM_WAIT_OBJECTS	64

#define WAIT_OBJECT_0		0x00000000u
#define WAIT_IO_COMPLETION	0x000000C0u
#define WAIT_TIMEOUT		0x00000102u
#define WAIT_FAILED		0xFFFFFFFFu

/* CreateEventEx flags. */
#define CREATE_EVENT_MANUAL_RESET	0x00000001u
#define CREATE_EVENT_INITIAL_SET	0x00000002u

/* Access rights: SYNCHRONIZE is wait, EVENT_MODIFY_STATE set/reset/pulse. */
#define SYNCHRONIZE		0x00100000u
#define EVENT_MODIFY_STATE	0x00000002u
#define EVENT_ALL_ACCESS	0x001F0003u

/* GetLastError() values. */
#define ERROR_SUCCESS		0
#define ERROR_FILE_NOT_FOUND	2
#define ERROR_ACCESS_DENIED	5
#define ERROR_INVALID_HANDLE	6
#define ERROR_NOT_ENOUGH_MEMORY	8
#define ERROR_INVALID_PARAMETER	87
#define ERROR_INVALID_NAME	123
#define ERROR_ALREADY_EXISTS	183

HANDLE CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
		    BOOL bInitialState, LPCSTR lpName);
HANDLE CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
		    BOOL bInitialState, LPCWSTR lpName);
HANDLE CreateEventExA(LPSECURITY_ATTRIBUTES lpEventAttributes, LPCSTR lpName,
		      DWORD dwFlags, DWORD dwDesiredAccess);
HANDLE CreateEventExW(LPSECURITY_ATTRIBUTES lpEventAttributes, LPCWSTR lpName,
		      DWORD dwFlags, DWORD dwDesiredAccess);
HANDLE OpenEventA(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCSTR lpName);
HANDLE OpenEventW(DWORD dwDesiredAccess, BOOL bInheritHandle, LPCWSTR lpName);
BOOL SetEvent(HANDLE hEvent);
BOOL ResetEvent(HANDLE hEvent);
BOOL PulseEvent(HANDLE hEvent);
BOOL CloseHandle(HANDLE hObject);
DWORD WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds);
DWORD WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds, BOOL bAlertable);
DWORD WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
			     DWORD dwMilliseconds);
DWORD WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
			       DWORD dwMilliseconds, BOOL bAlertable);
DWORD SignalObjectAndWait(HANDLE hObjectToSignal, HANDLE hObjectToWaitOn,
			  DWORD dwMilliseconds, BOOL bAlertable);
DWORD GetLastError(void);
void SetLastError(DWORD dwErrCode);

/* The fd behind a handle (-1 for NULL), and the handle of an event fd. */
int kev_fd_from_handle(HANDLE h);
HANDLE kev_handle_from_fd(int fd);

#ifdef UNICODE
#define CreateEvent	CreateEventW
#define CreateEventEx	CreateEventExW
#define OpenEvent	OpenEventW
#else
#define CreateEvent	CreateEventA
#define CreateEventEx	CreateEventExA
#define OpenEvent	OpenEventA
#endif

#ifdef __cplusplus
}
#endif

#endif /* KEVENT_WIN32_H */
