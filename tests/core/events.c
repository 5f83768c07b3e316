// SPDX-License-Identifier: GPL-2.0
/*
 * Event objects and handles: set/reset/pulse results, query, poll/epoll,
 * close-on-exec, access rights per fd, dup/fork/SCM_RIGHTS sharing.
 */
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "kt.h"

static void test_result_sequence(void)
{
	/* The sequence from nt-event-semantics.md, on a notification event. */
	int ev = kt_create(NULL, KEVENT_CREATE_MANUAL_RESET);
	const int want[] = { 0, 1, 1, 0, 0, 0, 1 };
	int got[7];

	got[0] = kt_set(ev);
	got[1] = kt_set(ev);
	got[2] = kt_reset(ev);
	got[3] = kt_reset(ev);
	got[4] = kt_pulse(ev);
	got[5] = kt_set(ev);
	got[6] = kt_pulse(ev);
	ok(!memcmp(got, want, sizeof(want)),
	   "Set->0 Set->1 Reset->1 Reset->0 Pulse->0 Set->0 Pulse->1 (got %d %d %d %d %d %d %d)",
	   got[0], got[1], got[2], got[3], got[4], got[5], got[6]);
	is_int(kt_state(ev), 0, "pulse leaves a notification event non-signaled");
	close(ev);

	ev = kt_create(NULL, 0);
	is_int(kt_pulse(ev), 0, "pulse of an unsignaled sync event without waiters returns 0");
	is_int(kt_state(ev), 0, "... and does nothing");
	is_int(kt_set(ev), 0, "sync set without waiters returns 0");
	is_int(kt_state(ev), 1, "sync event stays signaled without waiters");
	is_int(kt_set(ev), 1, "second set returns 1");
	is_int(kt_pulse(ev), 1, "pulse of a signaled sync event returns 1");
	is_int(kt_state(ev), 0, "... and leaves it non-signaled");
	close(ev);
}

static void test_query(void)
{
	struct kevent_query_args q;
	int ev;

	ev = kt_create(NULL, KEVENT_CREATE_MANUAL_RESET | KEVENT_CREATE_INITIAL_SET);
	is_int(kt_query(ev, &q), 0, "query succeeds");
	ok(q.type == KEVENT_TYPE_NOTIFICATION && q.state == 1 &&
	   q.access == KEVENT_ACCESS_ALL && q.flags == 0 && q.name[0] == 0 &&
	   q.reserved == 0,
	   "anonymous notification event, initially set, full access (type %u state %u access %u flags %u)",
	   q.type, q.state, q.access, q.flags);
	close(ev);

	ev = kt_create("kt-query-name", 0);
	is_int(kt_query(ev, &q), 0, "query of a named event");
	ok(q.type == KEVENT_TYPE_SYNCHRONIZATION && q.state == 0 &&
	   (q.flags & KEVENT_QUERY_NAMED) && !strcmp(q.name, "kt-query-name") &&
	   q.mode == 0600 && q.uid == getuid() && q.gid == getgid(),
	   "named sync event: name, mode 0600, owner (name '%s' mode %o)", q.name, q.mode);
	close(ev);
}

static void test_poll(void)
{
	struct epoll_event e = { .events = EPOLLIN }, out;
	int ev = kt_create(NULL, 0), ep;

	ok(!kt_readable(ev), "unsignaled event does not poll readable");
	kt_set(ev);
	ok(kt_readable(ev), "signaled event polls readable");
	ok(kt_readable(ev) && kt_state(ev) == 1, "polling consumes nothing");

	ep = epoll_create1(EPOLL_CLOEXEC);
	e.data.fd = ev;
	kt_reset(ev);
	epoll_ctl(ep, EPOLL_CTL_ADD, ev, &e);
	is_int(epoll_wait(ep, &out, 1, 0), 0, "epoll: nothing while unsignaled");
	kt_set(ev);
	ok(epoll_wait(ep, &out, 1, 1000) == 1 && out.data.fd == ev &&
	   (out.events & EPOLLIN), "epoll: EPOLLIN after set");
	is_int(kt_wait(ev, 0), 0, "the wait consumes the sync event");
	is_int(epoll_wait(ep, &out, 1, 0), 0, "epoll: not readable once consumed");
	close(ep);
	close(ev);
}

static void test_cloexec(void)
{
	int ev = kt_create(NULL, 0), inh = kt_create(NULL, KEVENT_CREATE_INHERIT);

	ok(fcntl(ev, F_GETFD) & FD_CLOEXEC, "event fds are close-on-exec by default");
	ok(!(fcntl(inh, F_GETFD) & FD_CLOEXEC), "KEVENT_CREATE_INHERIT clears close-on-exec");
	close(ev);
	close(inh);

	ev = kt_create("kt-cloexec", 0);
	inh = kt_open("kt-cloexec", KEVENT_ACCESS_ALL);
	ok(inh >= 0 && (fcntl(inh, F_GETFD) & FD_CLOEXEC), "opened fds are close-on-exec by default");
	close(inh);
	{
		struct kevent_open_args a = {
			.name = (uintptr_t)"kt-cloexec", .name_len = 10,
			.access = KEVENT_ACCESS_WAIT, .flags = KEVENT_OPEN_INHERIT,
		};
		ok(ioctl(kt_dev(), KEVENT_IOC_OPEN, &a) == 0 &&
		   !(fcntl(a.fd, F_GETFD) & FD_CLOEXEC), "KEVENT_OPEN_INHERIT clears close-on-exec");
		close(a.fd);
	}
	close(ev);
}

static void test_access(void)
{
	struct kevent_query_args q;
	int ev = kt_create("kt-access", 0);
	int w = kt_open("kt-access", KEVENT_ACCESS_WAIT);
	int m = kt_open("kt-access", KEVENT_ACCESS_MODIFY);

	ok(w >= 0 && m >= 0, "open with WAIT only and MODIFY only");
	is_int(kt_set(w), -EBADF, "set on a WAIT-only fd: EBADF");
	is_int(kt_reset(w), -EBADF, "reset on a WAIT-only fd: EBADF");
	is_int(kt_pulse(w), -EBADF, "pulse on a WAIT-only fd: EBADF");
	is_int(kt_state(ev), 0, "... and the state did not change");
	is_int(kt_set(m), 0, "set on a MODIFY-only fd works");
	is_int(kt_wait(m, 0), -EBADF, "wait on a MODIFY-only fd: EBADF");
	is_int(kt_query(m, &q), -EBADF, "query on a MODIFY-only fd: EBADF");
	is_int(kt_state(ev), 1, "... and the failed wait consumed nothing");
	ok(!kt_readable(m), "a MODIFY-only fd never polls readable");
	is_int(kt_query(w, &q), 0, "query on a WAIT-only fd works");
	is_int(q.access, KEVENT_ACCESS_WAIT, "query reports the fd's access");
	is_int(kt_wait(w, 0), 0, "wait on a WAIT-only fd works");
	ok((fcntl(w, F_GETFL) & O_ACCMODE) == O_RDONLY &&
	   (fcntl(m, F_GETFL) & O_ACCMODE) == O_WRONLY &&
	   (fcntl(ev, F_GETFL) & O_ACCMODE) == O_RDWR,
	   "access is the fd's open mode (WAIT=read, MODIFY=write)");
	close(w);
	close(m);
	close(ev);
}

static int send_fd(int sock, int fd)
{
	char buf[CMSG_SPACE(sizeof(int))] = { 0 }, c = 'x';
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = buf, .msg_controllen = sizeof(buf),
	};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	char buf[CMSG_SPACE(sizeof(int))], c;
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = buf, .msg_controllen = sizeof(buf),
	};
	struct cmsghdr *cm;
	int fd;

	if (recvmsg(sock, &msg, 0) != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&msg);
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

static void test_sharing(void)
{
	int ev = kt_create(NULL, 0), d, sv[2], status;
	pid_t pid;

	d = dup(ev);
	kt_set(d);
	is_int(kt_state(ev), 1, "dup shares the event");
	is_int(kt_wait(ev, 0), 0, "consumed through the original fd");
	is_int(kt_state(d), 0, "... seen through the dup");
	close(d);

	pid = fork();
	if (!pid)
		_exit(kt_set(ev) == 0 ? 0 : 1);
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && !WEXITSTATUS(status) && kt_wait(ev, 0) == 0,
	   "fork shares the event: the child's set is seen by the parent");

	/* SCM_RIGHTS: a WAIT-only handle stays WAIT-only in the receiver. */
	socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
	pid = fork();
	if (!pid) {
		int got = recv_fd(sv[1]);
		int r = (kt_wait(got, 5000 * KT_MS) == 0 && kt_set(got) == -EBADF) ? 0 : 1;

		_exit(r);
	}
	{
		int named = kt_create("kt-scm", 0);
		int w = kt_open("kt-scm", KEVENT_ACCESS_WAIT);

		send_fd(sv[0], w);
		close(w);
		kt_set(named);
		waitpid(pid, &status, 0);
		ok(WIFEXITED(status) && !WEXITSTATUS(status),
		   "SCM_RIGHTS passes the event and its access (waited, set refused)");
		is_int(kt_state(named), 0, "the receiver's wait consumed the event");
		close(named);
	}
	close(sv[0]);
	close(sv[1]);
	close(ev);
}

static void test_unknown_fd_ops(void)
{
	int ev = kt_create(NULL, 0);
	char c;

	ok(read(ev, &c, 1) < 0, "read() on an event fd fails");
	ok(write(ev, &c, 1) < 0, "write() on an event fd fails");
	is_int(kt_ret(ioctl(ev, _IO(KEVENT_IOC_MAGIC, 0x7f), 0)), -ENOTTY,
	       "unknown ioctl on an event fd: ENOTTY");
	is_int(kt_ret(ioctl(ev, KEVENT_IOC_CREATE, 0)), -ENOTTY,
	       "CREATE on an event fd: ENOTTY");
	is_int(kt_ret(ioctl(kt_dev(), KEVENT_IOC_SET, 0)), -ENOTTY,
	       "SET on /dev/kevent: ENOTTY");
	close(ev);
}

int main(void)
{
	if (kt_dev() < 0)
		bail_out("cannot open %s: %s", KEVENT_DEVICE_PATH, strerror(errno));
	test_result_sequence();
	test_query();
	test_poll();
	test_cloexec();
	test_access();
	test_sharing();
	test_unknown_fd_ops();
	return done();
}
