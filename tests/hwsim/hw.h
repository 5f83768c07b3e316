/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the kevent_hwsim guest tests (tests/hwsim/): the demo driver
 * /dev/kevent-hwsim (include/uapi/linux/kevent_hwsim.h) with libkevent.
 */
#ifndef HW_H
#define HW_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <kevent.h>
#include <linux/kevent_hwsim.h>

#include "tap.h"

#define MS	1000000ULL	/* ns per ms */

static inline int hw_open(void)
{
	int fd = open(KEVENT_HWSIM_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		bail_out("open %s: %s (kevent_hwsim not loaded?)",
			 KEVENT_HWSIM_DEVICE_PATH, strerror(errno));
	return fd;
}

static inline struct kevent_hwsim_info hw_info(void)
{
	struct kevent_hwsim_info info;
	int fd = hw_open();

	memset(&info, 0xff, sizeof(info));
	if (ioctl(fd, KEVENT_HWSIM_IOC_INFO, &info))
		bail_out("KEVENT_HWSIM_IOC_INFO: %s", strerror(errno));
	close(fd);
	return info;
}

/* -errno of an ioctl, or its (non-negative) result. */
static inline int hw_ioctl(int fd, unsigned long cmd, void *arg)
{
	int r = ioctl(fd, cmd, arg);

	return r < 0 ? -errno : r;
}

static inline int hw_register(int hw, int ev, unsigned int ctx, uint64_t delay_ns)
{
	struct kevent_hwsim_register r = { .fd = ev, .context = ctx, .delay_ns = delay_ns };

	return hw_ioctl(hw, KEVENT_HWSIM_IOC_REGISTER_EVENT, &r);
}

static inline int hw_named(int hw, const char *name, unsigned int ctx, uint64_t delay_ns)
{
	struct kevent_hwsim_named n = { .delay_ns = delay_ns, .context = ctx };

	snprintf(n.name, sizeof(n.name), "%s", name);
	return hw_ioctl(hw, KEVENT_HWSIM_IOC_SIGNAL_NAMED, &n);
}

static inline int hw_notify(int hw, unsigned int index, uint64_t delay_ns)
{
	struct kevent_hwsim_notify n = { .index = index, .delay_ns = delay_ns };

	return hw_ioctl(hw, KEVENT_HWSIM_IOC_NOTIFY, &n);
}

static inline int hw_queue(int hw, unsigned int ctx, uint64_t delay_ns, uint64_t cookie)
{
	struct kevent_hwsim_queue q = { .delay_ns = delay_ns, .context = ctx, .cookie = cookie };

	return hw_ioctl(hw, KEVENT_HWSIM_IOC_QUEUE_REQUEST, &q);
}

static inline int hw_wait(int hw, unsigned int ctx, uint64_t delay_ns, uint64_t cookie,
			  struct kevent_hwsim_msg *msg)
{
	struct kevent_hwsim_wait w = { .delay_ns = delay_ns, .context = ctx, .cookie = cookie };
	int r = hw_ioctl(hw, KEVENT_HWSIM_IOC_WAIT_EVENT, &w);

	if (msg)
		*msg = w.msg;
	return r;
}

static inline uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static inline void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* A name unique to this process. */
static inline const char *hw_name(const char *tag)
{
	static char buf[8][64];
	static int next;
	char *b = buf[next++ % 8];

	snprintf(b, sizeof(buf[0]), "hw-%s-%ld", tag, (long)getpid());
	return b;
}

/* Wait until the driver's live request count drops to want (up to 5 s). */
static inline long long hw_requests_settle(long long want)
{
	long long got = 0;
	int i;

	for (i = 0; i < 500; i++) {
		got = (long long)hw_info().requests;
		if (got == want)
			break;
		sleep_ms(10);
	}
	return got;
}

static int hw_dmesg_lines;

/* Remember where the kernel log ends now (hw_dmesg_clean() looks after it). */
static inline void hw_dmesg_mark(void)
{
	char line[1024];
	FILE *f = popen("dmesg", "r");

	hw_dmesg_lines = 0;
	while (f && fgets(line, sizeof(line), f))
		hw_dmesg_lines++;
	if (f)
		pclose(f);
}

/*
 * The kernel log has, since hw_dmesg_mark(), none of the complaints that a
 * set from the wrong context or a broken lock would cause.
 */
static inline int hw_dmesg_clean(void)
{
	static const char *const bad[] = {
		"BUG:", "WARNING:", "sleeping function called", "possible circular",
		"inconsistent lock state", "possible recursive locking", "Oops",
		"scheduling while atomic", "irq lock inversion", "UBSAN:",
		"hardirq-unsafe", "suspicious RCU usage",
	};
	char line[1024];
	unsigned int i;
	int n = 0, clean = 1;
	FILE *f = popen("dmesg", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (n++ < hw_dmesg_lines)
			continue;
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			if (strstr(line, bad[i])) {
				diag("kernel log: %s", line);
				clean = 0;
			}
	}
	pclose(f);
	return clean;
}

#endif /* HW_H */
