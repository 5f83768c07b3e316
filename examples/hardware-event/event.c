// SPDX-License-Identifier: GPL-2.0
/*
 * event: the test application of Microsoft's "Hardware Event" sample,
 * ported to kevent. It differs from the Windows original only where the
 * device is opened (open() of /dev/kevent-hwsim for CreateFile of the
 * sample's device) and where the request is sent (ioctl() for
 * DeviceIoControl of IOCTL_REGISTER_EVENT); the events are the Win32 API
 * of <kevent/win32.h>.
 *
 *   event <Delay> <0|1>
 *
 * Delay is the time, in seconds, before the driver's timer "hardware
 * event" fires; 0 asks for IRP-based notification (the request pends
 * until the timer completes it), 1 for event-based notification (the
 * driver references our event and sets it from its timer).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <kevent/win32.h>
#include <linux/kevent_hwsim.h>

#define IRP_BASED	0
#define EVENT_BASED	1

static void usage(void)
{
	printf("Usage: event <Delay> <0|1>\n"
	       "       Delay is the time in seconds to signal the event\n"
	       "       0 for IRP based and 1 for event based notification\n");
}

int main(int argc, char *argv[])
{
	unsigned long delay;
	HANDLE event;
	int device, type;

	if (argc < 3) {
		usage();
		return 1;
	}
	delay = strtoul(argv[1], NULL, 10);
	type = atoi(argv[2]);
	if (type != IRP_BASED && type != EVENT_BASED) {
		usage();
		return 1;
	}

	/* CreateFile("\\\\.\\Event_Sample", ...) on Windows. */
	device = open(KEVENT_HWSIM_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (device < 0) {
		printf("Unable to open %s: %s\n", KEVENT_HWSIM_DEVICE_PATH,
		       strerror(errno));
		return 1;
	}

	if (type == IRP_BASED) {
		struct kevent_hwsim_wait request = {
			.delay_ns = delay * 1000000000ULL,
		};

		printf("Waiting for the IRP to complete (%lu s)...\n", delay);
		/* DeviceIoControl(IOCTL_REGISTER_EVENT), synchronous. */
		if (ioctl(device, KEVENT_HWSIM_IOC_WAIT_EVENT, &request)) {
			printf("DeviceIoControl failed: %s\n", strerror(errno));
			close(device);
			return 1;
		}
		printf("Event occurred.\n");
	} else {
		struct kevent_hwsim_register request = {
			.delay_ns = delay * 1000000000ULL,
		};

		event = CreateEventW(NULL, FALSE, FALSE, NULL);
		if (!event) {
			printf("CreateEvent failed: %u\n", GetLastError());
			close(device);
			return 1;
		}
		/* The handle goes to the driver as the fd behind it. */
		request.fd = kev_fd_from_handle(event);
		/* DeviceIoControl(IOCTL_REGISTER_EVENT), returns at once. */
		if (ioctl(device, KEVENT_HWSIM_IOC_REGISTER_EVENT, &request)) {
			printf("DeviceIoControl failed: %s\n", strerror(errno));
			CloseHandle(event);
			close(device);
			return 1;
		}
		printf("Waiting for the event to be signaled (%lu s)...\n", delay);
		if (WaitForSingleObject(event, INFINITE) != WAIT_OBJECT_0) {
			printf("WaitForSingleObject failed: %u\n", GetLastError());
			CloseHandle(event);
			close(device);
			return 1;
		}
		printf("Event signalled.\n");
		CloseHandle(event);
	}
	close(device);
	return 0;
}
