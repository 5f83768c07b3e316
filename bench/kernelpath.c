// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel path: a driver's hard-interrupt hrtimer sets an event, and the
 * process waiting on it runs. kevent_hwsim (the demo driver) does both
 * kinds a driver would: REGISTER_EVENT references our kevent and
 * kevent_set()s it from the timer; WAIT_EVENT is a pending request, woken
 * with a wait queue's wake_up() as a completion would be. The latency is
 * the time from the driver's set (kevent_hwsim_info.last_set_ns) or fire
 * (the message's timestamp) until the waiter runs again.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/kevent_hwsim.h>

#include "bench.h"

struct kp {
	int hw, ev;
	long n;
};

static double kp_chunk(int c, void *ctx)
{
	struct kp *kp = ctx;
	double sum = 0;
	long i;

	for (i = 0; i < kp->n; i++) {
		uint64_t woke;

		if (c == 0) {
			struct kevent_hwsim_register r = {
				.fd = kp->ev, .delay_ns = 1000000,
				.context = KEVENT_HWSIM_CTX_HARDIRQ,
			};
			struct kevent_hwsim_info info;

			if (ioctl(kp->hw, KEVENT_HWSIM_IOC_REGISTER_EVENT, &r))
				die("REGISTER_EVENT");
			if (kev_wait_fds(&kp->ev, 1, 0, KEVENT_TIMEOUT_INFINITE))
				die("wait");
			woke = now_ns();
			if (ioctl(kp->hw, KEVENT_HWSIM_IOC_INFO, &info))
				die("INFO");
			sum += woke - info.last_set_ns;
		} else {
			struct kevent_hwsim_wait w = {
				.delay_ns = 1000000, .context = KEVENT_HWSIM_CTX_HARDIRQ,
			};

			if (ioctl(kp->hw, KEVENT_HWSIM_IOC_WAIT_EVENT, &w))
				die("WAIT_EVENT");
			woke = now_ns();
			sum += woke - w.msg.timestamp_ns;
		}
	}
	return sum / kp->n;
}

void bench_kernelpath(void)
{
	struct bench_figure f = {
		.id = "kernelpath", .title = "hardirq set until the waiter runs",
		.param = "", .unit = "us", .scale = 1000, .ncontenders = 2,
		.names = { "kevent_set", "wake_up (pending request)" },
		.chunk = kp_chunk, .chunks = 2,
	};
	struct kp kp = { .n = scaled(20) };

	kp.hw = open(KEVENT_HWSIM_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (kp.hw < 0) {
		printf("# kernel path: no %s (kevent_hwsim not loaded): not measured\n",
		       KEVENT_HWSIM_DEVICE_PATH);
		return;
	}
	kp.ev = kev_create(0, NULL);
	f.ctx = &kp;
	bench_run(&f);
	close(kp.ev);
	close(kp.hw);
}
