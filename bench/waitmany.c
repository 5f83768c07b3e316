// SPDX-License-Identifier: GPL-2.0
/*
 * Waits on many objects: wait-any and wait-all over 1, 4, 16 and 64
 * events, with the wait satisfied at once ("signaled": for wait-any only
 * the last event is signaled, for wait-all all are; notification events,
 * so nothing is consumed and every call does the same work) and not
 * ("unsignaled": a zero timeout, so the call checks every object and
 * returns). Against ntsync, poll() over eventfds and futex_waitv() (wait-any
 * only: neither has a wait-all).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <poll.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

enum { WM_KEVENT, WM_NTSYNC, WM_POLL, WM_FUTEXV, WM_N };

struct wm {
	int n, all, signaled;
	int kev[KEVENT_WAIT_MAX], nt[KEVENT_WAIT_MAX], efd[KEVENT_WAIT_MAX];
	struct pollfd pfd[KEVENT_WAIT_MAX];
	uint32_t word[KEVENT_WAIT_MAX];
	struct futex_waitv fv[KEVENT_WAIT_MAX];
	long iters;
};

/* futex_waitv() came with 5.16: older kernels say ENOSYS. */
static int have_futex_waitv(void)
{
	static int have = -1;

	if (have < 0)
		have = !(syscall(SYS_futex_waitv, NULL, 0, 0, NULL, 0) < 0 &&
			 errno == ENOSYS);
	return have;
}

static double wm_chunk(int c, void *ctx)
{
	struct wm *wm = ctx;
	struct timespec zero = { 0, 0 };
	int want = wm->signaled ? (wm->all ? 0 : wm->n - 1) : -ETIMEDOUT;
	uint64_t t0;
	long i;
	int r;

	if ((c == WM_NTSYNC && nt_dev < 0) || (wm->all && c >= WM_POLL) ||
	    (c == WM_FUTEXV && !have_futex_waitv()))
		return -1;
	t0 = now_ns();
	for (i = 0; i < wm->iters; i++) {
		switch (c) {
		case WM_KEVENT:
			r = kev_wait_fds(wm->kev, wm->n, wm->all ? KEVENT_WAIT_ALL : 0, 0);
			break;
		case WM_NTSYNC:
			/* ntsync's timeout is absolute: 0 is long past. */
			r = nt_wait(wm->nt, wm->n, wm->all, 0);
			break;
		case WM_POLL:
			r = poll(wm->pfd, wm->n, 0);
			r = r == 1 ? wm->n - 1 : -ETIMEDOUT;
			break;
		default:
			clock_gettime(CLOCK_MONOTONIC, &zero);
			r = syscall(SYS_futex_waitv, wm->fv, wm->n, 0, &zero,
				    CLOCK_MONOTONIC);
			/* A word that differs returns at once (EAGAIN). */
			r = r < 0 && errno == EAGAIN ? wm->n - 1 : -ETIMEDOUT;
			break;
		}
		if (r != want)
			die("wait result");
	}
	return (double)(now_ns() - t0) / wm->iters;
}

static void wm_setup(struct wm *wm)
{
	int i, last = wm->n - 1;

	for (i = 0; i < wm->n; i++) {
		int on = wm->signaled && (wm->all || i == last);

		wm->kev[i] = kev_create(KEVENT_CREATE_MANUAL_RESET |
					(on ? KEVENT_CREATE_INITIAL_SET : 0), NULL);
		wm->nt[i] = nt_dev >= 0 ? nt_create_event(1, on) : -1;
		wm->efd[i] = eventfd(on, EFD_CLOEXEC);
		wm->pfd[i].fd = wm->efd[i];
		wm->pfd[i].events = POLLIN;
		wm->word[i] = on;
		wm->fv[i].val = 0;
		wm->fv[i].uaddr = (uintptr_t)&wm->word[i];
		wm->fv[i].flags = FUTEX_32 | FUTEX_PRIVATE_FLAG;
		wm->fv[i].__reserved = 0;
	}
}

static void wm_teardown(struct wm *wm)
{
	int i;

	for (i = 0; i < wm->n; i++) {
		close(wm->kev[i]);
		close(wm->efd[i]);
		if (wm->nt[i] >= 0)
			close(wm->nt[i]);
	}
}

void bench_waitmany(void)
{
	static const int ns[] = { 1, 4, 16, 64 };
	double single = -1, any64 = -1;
	char param[40];
	int all, sig;
	unsigned int k;

	for (all = 0; all < 2; all++) {
		for (sig = 1; sig >= 0; sig--) {
			for (k = 0; k < sizeof(ns) / sizeof(ns[0]); k++) {
				struct wm wm = {
					.n = ns[k], .all = all, .signaled = sig,
					.iters = scaled(500),
				};
				struct bench_figure f = {
					.id = all ? "waitall" : "waitany",
					.title = all ? "wait-all" : "wait-any",
					.param = param, .unit = "us", .scale = 1000,
					.ncontenders = all ? 2 : WM_N,
					.names = { "kevent", "ntsync", "poll", "futex_waitv" },
					.chunk = wm_chunk, .ctx = &wm, .chunks = 3,
				};

				snprintf(param, sizeof(param), "N=%d %s", ns[k],
					 sig ? "signaled" : "unsignaled");
				wm_setup(&wm);
				bench_run(&f);
				wm_teardown(&wm);
				if (!all && sig && ns[k] == 1)
					single = bench_median(&f, WM_KEVENT);
				if (!all && sig && ns[k] == 64)
					any64 = bench_median(&f, WM_KEVENT);
			}
		}
	}
	bench_target("wait-any over 64 / single wait <= 3",
		     single > 0 && any64 > 0 ? any64 / single : -1, 3);
}
