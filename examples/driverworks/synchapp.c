// SPDX-License-Identifier: GPL-2.0
/*
 * synchapp: the application side of the DriverWorks tip (see
 * synch_event.c): create the named event "SynchEvent", have the driver
 * open it by name and set it after a delay, wait for it.
 *
 *   synchapp [delay_ms]
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <kevent/win32.h>

#include "synch_event.h"

int main(int argc, char *argv[])
{
	uint32_t delay_ms = argc > 1 ? strtoul(argv[1], NULL, 10) : 100;
	HANDLE event;
	int device;

	/* 1. The application creates a named event. */
	event = CreateEventW(NULL, FALSE, FALSE, L"SynchEvent");
	if (!event) {
		printf("CreateEvent failed: %u\n", GetLastError());
		return 1;
	}
	/* 2. It calls the driver, which opens the event by name. */
	device = open(SYNCH_EVENT_DEVICE, O_RDWR | O_CLOEXEC);
	if (device < 0 || ioctl(device, SYNCH_EVENT_IOCTL_OPEN) ||
	    ioctl(device, SYNCH_EVENT_IOCTL_SET, &delay_ms)) {
		printf("DeviceIoControl failed: %s\n", strerror(errno));
		return 1;
	}
	/* 3. It waits; 4. the driver's TheEvent.Set() ends the wait. */
	if (WaitForSingleObject(event, INFINITE) != WAIT_OBJECT_0) {
		printf("WaitForSingleObject failed: %u\n", GetLastError());
		return 1;
	}
	printf("SynchEvent signaled by the driver after %u ms\n", delay_ms);
	close(device);
	CloseHandle(event);
	return 0;
}
