// SPDX-License-Identifier: GPL-2.0
/*
 * notified: wait for the condition the notification_event driver signals
 * on the named event "KeventNotificationExample".
 *
 *   notified [timeout_ms]     (default: INFINITE)
 *
 * Exit status: 0 when signaled, 2 on timeout, 1 when the event does not
 * exist (the driver is not loaded) or on another error.
 */
#include <stdio.h>
#include <stdlib.h>

#include <kevent/win32.h>

int main(int argc, char *argv[])
{
	DWORD timeout = argc > 1 ? strtoul(argv[1], NULL, 10) : INFINITE;
	DWORD ret;
	HANDLE event;

	/* The driver's event: wait access is all an application gets. */
	event = OpenEventW(SYNCHRONIZE, FALSE, L"KeventNotificationExample");
	if (!event) {
		printf("OpenEvent failed: %u%s\n", GetLastError(),
		       GetLastError() == ERROR_FILE_NOT_FOUND ?
		       " (is notification_event loaded?)" : "");
		return 1;
	}
	ret = WaitForSingleObject(event, timeout);
	CloseHandle(event);
	if (ret == WAIT_TIMEOUT) {
		printf("KeventNotificationExample: still not signaled\n");
		return 2;
	}
	if (ret != WAIT_OBJECT_0) {
		printf("WaitForSingleObject failed: %u\n", GetLastError());
		return 1;
	}
	printf("KeventNotificationExample is signaled\n");
	return 0;
}
