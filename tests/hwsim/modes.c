// SPDX-License-Identifier: GPL-2.0
/*
 * hwsim/modes: the four notification modes of the demo driver through its
 * ioctls: REGISTER_EVENT (event fd), WAIT_EVENT (pending request with a
 * message), QUEUE_REQUEST + poll/read (asynchronous messages), SIGNAL_NAMED
 * (the application's named event), NOTIFY (the notifier); argument
 * validation and the ABI's structure sizes.
 */
#include "hw.h"

/* The uAPI is the same for 32- and 64-bit callers. */
_Static_assert(sizeof(struct kevent_hwsim_msg) == 56, "msg");
_Static_assert(sizeof(struct kevent_hwsim_register) == 32, "register");
_Static_assert(sizeof(struct kevent_hwsim_wait) == 96, "wait");
_Static_assert(sizeof(struct kevent_hwsim_queue) == 40, "queue");
_Static_assert(sizeof(struct kevent_hwsim_named) == 296, "named");
_Static_assert(sizeof(struct kevent_hwsim_notify) == 32, "notify");
_Static_assert(sizeof(struct kevent_hwsim_info) == 96, "info");

#define DELAY	(150 * MS)

static void test_register(int hw)
{
	int ev = kev_create(NULL, 0, 0, NULL);
	uint64_t t0, t, set_ns;
	int r;

	t0 = now_ns();
	is_int(hw_register(hw, ev, KEVENT_HWSIM_CTX_HARDIRQ, DELAY), 0,
	       "REGISTER_EVENT returns 0");
	ok(now_ns() - t0 < DELAY, "REGISTER_EVENT returns at once (before the timer)");
	is_int(kev_state(ev), 0, "the event is not signaled before the delay");
	r = kev_wait(ev, 10000);
	t = now_ns() - t0;
	is_int(r, 0, "the timer set the event");
	ok(t >= DELAY, "not early: %.3f ms for %llu ms", t / 1e6, DELAY / MS);
	set_ns = hw_info().last_set_ns;
	ok(set_ns >= t0 + DELAY && set_ns <= now_ns(),
	   "INFO's last_set_ns is when the timer set it (%.3f ms after arming)",
	   (double)(set_ns - t0) / 1e6);
	kev_close(ev);
}

static void test_wait(int hw)
{
	struct kevent_hwsim_msg m1, m2;
	uint64_t t0, t;

	t0 = now_ns();
	is_int(hw_wait(hw, KEVENT_HWSIM_CTX_HARDIRQ, DELAY, 42, &m1), 0,
	       "WAIT_EVENT completes");
	t = now_ns() - t0;
	ok(t >= DELAY, "WAIT_EVENT blocked for the delay (%.3f ms)", t / 1e6);
	is_int(m1.source, KEVENT_HWSIM_SOURCE_WAIT, "message source is WAIT_EVENT");
	is_int(m1.cookie, 42, "message carries the cookie");
	ok(m1.timestamp_ns - m1.armed_ns >= DELAY && m1.timestamp_ns <= now_ns(),
	   "message timestamp: fired %.3f ms after arming, in the past",
	   (m1.timestamp_ns - m1.armed_ns) / 1e6);
	ok(m1.flags & KEVENT_HWSIM_MSG_HARDIRQ, "message says hardirq context (flags %#x)",
	   m1.flags);
	ok(!m1.reserved[0] && !m1.reserved[1], "reserved fields are zero");
	is_int(hw_wait(hw, KEVENT_HWSIM_CTX_SOFTIRQ, 0, 43, &m2), 0,
	       "WAIT_EVENT with delay 0 (softirq timer)");
	is_int(m2.seq, m1.seq + 1, "sequence numbers count up");
	ok((m2.flags & KEVENT_HWSIM_MSG_SOFTIRQ) && !(m2.flags & KEVENT_HWSIM_MSG_HARDIRQ),
	   "softirq request ran in softirq context (flags %#x)", m2.flags);
	is_int(hw_wait(hw, KEVENT_HWSIM_CTX_IRQSOFF, MS, 44, &m2), 0,
	       "WAIT_EVENT from an IRQs-off section");
	ok(m2.flags == KEVENT_HWSIM_MSG_IRQS_OFF,
	   "irqsoff request ran in task context with IRQs off (flags %#x)", m2.flags);
}

static void test_queue(int hw)
{
	struct kevent_hwsim_msg m[3];
	struct pollfd p = { .fd = hw, .events = POLLIN };
	char small[8];
	int fl, r, i;

	fl = fcntl(hw, F_GETFL);
	fcntl(hw, F_SETFL, fl | O_NONBLOCK);
	errno = 0;
	ok(read(hw, m, sizeof(m[0])) < 0 && errno == EAGAIN,
	   "non-blocking read with no message: EAGAIN");
	fcntl(hw, F_SETFL, fl);
	ok(read(hw, small, sizeof(small)) < 0 && errno == EINVAL,
	   "read with a buffer smaller than a message: EINVAL");

	is_int(hw_queue(hw, KEVENT_HWSIM_CTX_HARDIRQ, 3 * DELAY, 1), 0, "QUEUE_REQUEST 1 (450 ms)");
	is_int(hw_queue(hw, KEVENT_HWSIM_CTX_SOFTIRQ, DELAY, 2), 0, "QUEUE_REQUEST 2 (150 ms)");
	is_int(hw_queue(hw, KEVENT_HWSIM_CTX_IRQSOFF, 2 * DELAY, 3), 0, "QUEUE_REQUEST 3 (300 ms)");
	is_int(poll(&p, 1, 0), 0, "poll: not readable before a timer fired");
	r = poll(&p, 1, 10000);
	ok(r == 1 && (p.revents & POLLIN), "poll: readable once a timer fired");
	for (i = 0; i < 3; i++)
		if (read(hw, &m[i], sizeof(m[i])) != sizeof(m[i]))
			break;
	is_int(i, 3, "read() returned three messages");
	ok(m[0].cookie == 2 && m[1].cookie == 3 && m[2].cookie == 1,
	   "in firing order: cookies %llu %llu %llu", (unsigned long long)m[0].cookie,
	   (unsigned long long)m[1].cookie, (unsigned long long)m[2].cookie);
	ok(m[0].source == KEVENT_HWSIM_SOURCE_QUEUE && m[1].seq == m[0].seq + 1 &&
	   m[2].seq == m[1].seq + 1, "source QUEUE_REQUEST, consecutive sequence numbers");
	p.revents = 0;
	is_int(poll(&p, 1, 0), 0, "poll: not readable once every message was read");
}

static void test_named(int hw)
{
	const char *name = hw_name("named");
	int ev = kev_create(name, 0, 0600, NULL);
	char bad[KEVENT_HWSIM_NAME_SIZE];
	struct kevent_hwsim_named n = { 0 };
	uint64_t t0 = now_ns();

	is_int(hw_named(hw, name, KEVENT_HWSIM_CTX_HARDIRQ, DELAY), 0,
	       "SIGNAL_NAMED on the application's event");
	is_int(kev_wait(ev, 10000), 0, "the driver set the named event");
	ok(now_ns() - t0 >= DELAY, "not early");
	is_int(kev_state(ev), 0, "synchronization event: the wait consumed it");
	is_int(hw_named(hw, hw_name("nosuch"), 0, 0), -ENOENT, "SIGNAL_NAMED, no such name: ENOENT");
	memset(bad, 'x', sizeof(bad));
	memcpy(n.name, bad, sizeof(n.name));
	is_int(hw_ioctl(hw, KEVENT_HWSIM_IOC_SIGNAL_NAMED, &n), -EINVAL,
	       "SIGNAL_NAMED, name without NUL: EINVAL");
	kev_close(ev);
}

static void test_notify(int hw)
{
	struct kevent_hwsim_info info = hw_info();
	int ev;

	if (!info.notify_count) {
		skip("notify: kevent_hwsim has no notify_names");
		return;
	}
	/* The default notify_names is hwevent0,..: index 1 is "hwevent1". */
	ev = kev_create("hwevent1", 0, 0600, NULL);
	kev_reset(ev);
	is_int(hw_notify(hw, 1, 0), 0, "NOTIFY index 1 now: 0");
	is_int(kev_wait(ev, 0), 0, "the notifier set hwevent1");
	is_int(hw_notify(hw, 1, DELAY), 0, "NOTIFY index 1 after a delay: 0 at once");
	is_int(kev_state(ev), 0, "not set before the delay");
	is_int(kev_wait(ev, 10000), 0, "set after the delay");
	kev_close(ev);
}

static void test_invalid(int hw)
{
	int ev = kev_create(NULL, 0, 0, NULL);
	struct kevent_hwsim_register r = { .fd = ev };
	struct kevent_hwsim_queue q = { 0 };

	r.reserved[1] = 1;
	is_int(hw_ioctl(hw, KEVENT_HWSIM_IOC_REGISTER_EVENT, &r), -EINVAL,
	       "non-zero reserved field: EINVAL");
	q.reserved0 = 1;
	is_int(hw_ioctl(hw, KEVENT_HWSIM_IOC_QUEUE_REQUEST, &q), -EINVAL,
	       "non-zero reserved0: EINVAL");
	is_int(hw_register(hw, ev, 3, 0), -EINVAL, "unknown context: EINVAL");
	is_int(hw_register(hw, ev, 0, KEVENT_HWSIM_MAX_DELAY_NS + 1), -EINVAL,
	       "delay over the maximum: EINVAL");
	is_int(hw_ioctl(hw, _IO(KEVENT_HWSIM_IOC_MAGIC, 0x7f), NULL), -ENOTTY,
	       "unknown ioctl: ENOTTY");
	is_int(hw_ioctl(hw, KEVENT_HWSIM_IOC_WAIT_EVENT, (void *)8), -EFAULT,
	       "bad pointer: EFAULT");
	kev_close(ev);
}

int main(void)
{
	long long base;
	int hw;

	plan(47);
	hw = hw_open();
	base = hw_info().requests;
	test_register(hw);
	test_wait(hw);
	test_queue(hw);
	test_named(hw);
	test_notify(hw);
	test_invalid(hw);
	close(hw);
	is_int(hw_requests_settle(base), base, "no request left behind");
	return done();
}
