// SPDX-License-Identifier: GPL-2.0
/*
 * Event fds in poll(2) and epoll(7): readable while signaled, woken by a
 * set from another thread, and polling never consumes an auto-reset event.
 */
#include "lt.h"

#include <poll.h>
#include <sys/epoll.h>

static int readable(int fd, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int r = poll(&p, 1, timeout_ms);

	return r == 1 && (p.revents & POLLIN);
}

static void test_poll(void)
{
	struct lt_setter s = { 0 };
	int ev = kev_create(NULL, 0, 0, NULL);

	ok(!readable(ev, 0), "poll: clear event is not readable");
	kev_set(ev);
	ok(readable(ev, 0), "poll: signaled event is readable");
	ok(readable(ev, 0), "poll: still readable (poll does not consume)");
	lt_is(kev_state(ev), 1, "poll: auto-reset event still signaled");
	lt_is(kev_wait(ev, 0), 0, "poll: a wait consumes it");
	ok(!readable(ev, 0), "poll: not readable after the wait");

	lt_set_later(&s, ev, 100);
	ok(readable(ev, 10000), "poll: woken by a set from another thread");
	lt_join(&s);

	kev_wait(ev, 0);
	kev_pulse(ev);
	ok(!readable(ev, 0), "poll: a pulse leaves the event clear");
	kev_close(ev);
}

static void test_epoll(void)
{
	struct lt_setter s = { 0 };
	struct epoll_event e, out[4];
	int ep = epoll_create1(EPOLL_CLOEXEC);
	int a = kev_create(NULL, 0, 0, NULL);
	int b = kev_create(NULL, KEV_MANUAL_RESET, 0, NULL);

	e.events = EPOLLIN;
	e.data.u32 = 1;
	ok(epoll_ctl(ep, EPOLL_CTL_ADD, a, &e) == 0, "epoll: add auto-reset event");
	e.data.u32 = 2;
	ok(epoll_ctl(ep, EPOLL_CTL_ADD, b, &e) == 0, "epoll: add manual-reset event");
	is_int(epoll_wait(ep, out, 4, 0), 0, "epoll: nothing ready");

	lt_set_later(&s, b, 100);
	ok(epoll_wait(ep, out, 4, 10000) == 1 && out[0].data.u32 == 2,
	   "epoll: woken by a set of the manual event");
	lt_join(&s);
	kev_set(a);
	is_int(epoll_wait(ep, out, 4, 0), 2, "epoll: both ready");
	lt_is(kev_state(a), 1, "epoll: auto-reset event not consumed by epoll");
	kev_wait(a, 0);
	kev_reset(b);
	is_int(epoll_wait(ep, out, 4, 0), 0, "epoll: none ready after wait and reset");

	/* Edge-triggered: one report per set. */
	e.events = EPOLLIN | EPOLLET;
	e.data.u32 = 2;
	epoll_ctl(ep, EPOLL_CTL_MOD, b, &e);
	kev_set(b);
	is_int(epoll_wait(ep, out, 4, 0), 1, "epoll ET: reported once");
	is_int(epoll_wait(ep, out, 4, 0), 0, "epoll ET: not again");

	close(ep);
	kev_close(a);
	kev_close(b);
}

int main(void)
{
	test_poll();
	test_epoll();
	return done();
}
