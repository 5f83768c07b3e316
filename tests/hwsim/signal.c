// SPDX-License-Identifier: GPL-2.0
/*
 * hwsim/signal: a signal ends a pending WAIT_EVENT with EINTR at once and
 * cancels its timer (the request is gone, and it never completes later);
 * a blocking read() waiting for a message is interrupted too; the file
 * works normally afterwards.
 */
#include "hw.h"

static void on_alarm(int sig)
{
	(void)sig;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */
	struct kevent_hwsim_msg m;
	long long base;
	uint64_t t0, t;
	int hw, r;
	char buf[sizeof(m)];

	plan(9);
	sigaction(SIGALRM, &sa, NULL);
	hw = hw_open();
	base = hw_info().requests;

	alarm(1);
	t0 = now_ns();
	r = hw_wait(hw, 0, 3000 * MS, 1, &m);
	t = now_ns() - t0;
	is_int(r, -EINTR, "a signal ends WAIT_EVENT with EINTR");
	ok(t < 2500 * MS, "at once, not at the timer (%.0f ms)", t / 1e6);
	is_int(hw_requests_settle(base), base, "the interrupted request is gone");
	/* Had the timer not been cancelled, it would fire at 3 s and take seq 1. */
	sleep_ms(2500);
	is_int(hw_wait(hw, 1, 0, 2, &m), 0, "WAIT_EVENT works after the interruption");
	is_int(m.seq, 1, "the cancelled request never completed (first message has seq 1)");

	alarm(1);
	t0 = now_ns();
	r = read(hw, buf, sizeof(buf));
	ok(r < 0 && errno == EINTR, "a signal interrupts a blocking read() (%d, %s)", r,
	   strerror(errno));
	ok(now_ns() - t0 < 5000 * MS, "at once");
	is_int(hw_queue(hw, 0, 10 * MS, 3), 0, "QUEUE_REQUEST after it");
	ok(read(hw, &m, sizeof(m)) == sizeof(m) && m.cookie == 3, "read() returns its message");
	close(hw);
	return done();
}
