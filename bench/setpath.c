// SPDX-License-Identifier: GPL-2.0
/*
 * Set without waiters, and the floor it sits on: a SET of a signaled event
 * with nobody waiting, next to an eventfd write, ntsync's SET, and a no-op
 * ioctl on the same kevent fd (an unknown command: the syscall and the fd
 * lookup alone). Then readiness through epoll: epoll_wait() over one
 * signaled kevent against one readable eventfd.
 */
#define _GNU_SOURCE
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "bench.h"

enum { SP_KEVENT, SP_NTSYNC, SP_EVENTFD, SP_NOOP, SP_N };

struct sp {
	int kev, nt, efd;
	int ep_kev, ep_efd;
	long n;
};

static double sp_chunk(int c, void *ctx)
{
	struct sp *sp = ctx;
	uint64_t t0, one = 1;
	long i;

	if (c == SP_NTSYNC && nt_dev < 0)
		return -1;
	t0 = now_ns();
	for (i = 0; i < sp->n; i++) {
		switch (c) {
		case SP_KEVENT:
			kev_set_fd(sp->kev);
			break;
		case SP_NTSYNC:
			nt_set(sp->nt);
			break;
		case SP_EVENTFD:
			if (write(sp->efd, &one, sizeof(one)) != sizeof(one))
				die("eventfd write");
			break;
		case SP_NOOP:
			ioctl(sp->kev, _IO(KEVENT_IOC_MAGIC, 0x7f), 0);
			break;
		}
	}
	return (double)(now_ns() - t0) / sp->n;
}

static double ep_chunk(int c, void *ctx)
{
	struct sp *sp = ctx;
	struct epoll_event e;
	uint64_t t0;
	long i;

	t0 = now_ns();
	for (i = 0; i < sp->n; i++)
		if (epoll_wait(c ? sp->ep_efd : sp->ep_kev, &e, 1, 0) != 1)
			die("epoll_wait");
	return (double)(now_ns() - t0) / sp->n;
}

static int ep_of(int fd)
{
	struct epoll_event e = { .events = EPOLLIN };
	int ep = epoll_create1(EPOLL_CLOEXEC);

	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e))
		die("epoll");
	return ep;
}

void bench_setpath(void)
{
	struct bench_figure f = {
		.id = "set", .title = "set without waiters", .param = "",
		.unit = "ns", .scale = 1, .ncontenders = SP_N,
		.names = { "kevent", "ntsync", "eventfd-write", "noop-ioctl" },
		.chunk = sp_chunk, .chunks = 5,
	};
	struct bench_figure p = {
		.id = "epoll", .title = "readiness via epoll_wait", .param = "",
		.unit = "ns", .scale = 1, .ncontenders = 2,
		.names = { "kevent", "eventfd" },
		.chunk = ep_chunk, .chunks = 5,
	};
	struct sp sp = { .n = scaled(2000) };

	sp.kev = kev_create(KEVENT_CREATE_MANUAL_RESET, NULL);
	sp.nt = nt_dev >= 0 ? nt_create_event(1, 0) : -1;
	sp.efd = eventfd(0, EFD_CLOEXEC);
	f.ctx = &sp;
	bench_run(&f);
	bench_target("set / eventfd write <= 0.80", bench_ratio(&f, SP_KEVENT, SP_EVENTFD), 0.80);
	bench_target("set / no-op ioctl <= 1.30", bench_ratio(&f, SP_KEVENT, SP_NOOP), 1.30);

	sp.ep_kev = ep_of(sp.kev);	/* signaled by the sets above */
	if (write(sp.efd, &(uint64_t){ 1 }, 8) != 8)
		die("eventfd write");
	sp.ep_efd = ep_of(sp.efd);
	p.ctx = &sp;
	bench_run(&p);
	close(sp.ep_kev);
	close(sp.ep_efd);
	close(sp.kev);
	close(sp.efd);
	if (sp.nt >= 0)
		close(sp.nt);
}
