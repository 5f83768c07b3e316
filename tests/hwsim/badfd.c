// SPDX-License-Identifier: GPL-2.0
/*
 * hwsim/badfd: REGISTER_EVENT validates the fd it is given like
 * ObReferenceObjectByHandle: a pipe or /dev/null is EINVAL (not a kevent),
 * a closed fd EBADF, a kevent fd opened without MODIFY EACCES; none of
 * them leaves a request behind. A MODIFY-only fd is enough.
 */
#include "hw.h"

int main(void)
{
	const char *name = hw_name("badfd");
	int hw, p[2], ev, ro, wo, nul, closed;
	long long base;

	plan(10);
	hw = hw_open();
	base = hw_info().requests;
	ev = kev_create(name, KEV_MANUAL_RESET, 0600, NULL);
	if (ev < 0 || pipe(p))
		bail_out("setup: %s", strerror(errno));

	is_int(hw_register(hw, p[0], 0, 0), -EINVAL, "a pipe (read end): EINVAL");
	is_int(hw_register(hw, p[1], 0, 0), -EINVAL, "a pipe (write end): EINVAL");
	nul = open("/dev/null", O_RDWR);
	is_int(hw_register(hw, nul, 0, 0), -EINVAL, "/dev/null: EINVAL");
	closed = dup(nul);
	close(closed);
	is_int(hw_register(hw, closed, 0, 0), -EBADF, "a closed fd: EBADF");
	is_int(hw_register(hw, -1, 0, 0), -EBADF, "fd -1: EBADF");
	ro = kev_open(name, KEV_ACCESS_WAIT, 0);
	is_int(hw_register(hw, ro, 0, 0), -EACCES, "a kevent fd without MODIFY: EACCES");
	is_int(hw_register(hw, hw, 0, 0), -EINVAL, "the hwsim device fd itself: EINVAL");
	is_int(hw_info().requests, base, "the failed registrations left no request");
	wo = kev_open(name, KEV_ACCESS_MODIFY, 0);
	is_int(hw_register(hw, wo, 0, 0), 0, "a MODIFY-only kevent fd is accepted");
	is_int(kev_wait(ro, 10000), 0, "and the driver set the event");
	close(hw);
	return done();
}
