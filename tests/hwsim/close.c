// SPDX-License-Identifier: GPL-2.0
/*
 * hwsim/close: closing the device fd cancels its registered timers (the
 * event is never set), discards unread messages and fired requests, and
 * drops the event references; a close racing with timers that fire (delays
 * 0 to 2 ms, 300 rounds on several CPUs) leaves nothing behind and no
 * complaint in the kernel log.
 */
#include "hw.h"

int main(void)
{
	const char *name = hw_name("close");
	int hw, ev, nev, i, set = 0;
	long long base;

	plan(7);
	hw_dmesg_mark();
	base = hw_info().requests;
	ev = kev_create(NULL, KEV_MANUAL_RESET, 0, NULL);

	hw = hw_open();
	is_int(hw_register(hw, ev, 0, 200 * MS), 0, "REGISTER_EVENT (200 ms)");
	close(hw);
	is_int(hw_requests_settle(base), base, "close dropped the registered request");
	sleep_ms(400);
	is_int(kev_state(ev), 0, "the cancelled timer never set the event");

	/* A named event held only by the driver disappears with the close. */
	nev = kev_create(name, 0, 0600, NULL);
	hw = hw_open();
	hw_named(hw, name, 1, 60000 * MS);
	hw_queue(hw, 0, 0, 1);			/* an unread message */
	hw_register(hw, ev, 2, 0);		/* a fired request */
	sleep_ms(50);
	kev_close(nev);
	close(hw);
	nev = kev_open(name, KEV_ACCESS_WAIT, 0);
	ok(nev < 0 && errno == ENOENT, "close dropped the named event's reference");
	is_int(hw_requests_settle(base), base, "and the unread message and fired request");

	for (i = 0; i < 300; i++) {
		int e = kev_create(NULL, KEV_MANUAL_RESET, 0, NULL);

		hw = hw_open();
		hw_register(hw, e, i % 3, (i % 3) * MS);
		hw_queue(hw, (i + 1) % 3, (i % 2) * MS, i);
		hw_notify(hw, 0, (i % 2) * MS + 1);
		if (i % 2)
			sleep_ms(1);
		close(hw);
		set += kev_state(e) == 1;
		kev_close(e);
	}
	diag("%d of 300 events were set before their close", set);
	is_int(hw_requests_settle(base), base, "300 racing closes left no request");
	ok(hw_dmesg_clean(), "no kernel complaint");
	kev_close(ev);
	return done();
}
