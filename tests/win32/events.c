// SPDX-License-Identifier: GPL-2.0
/*
 * win32/events: the Win32 event calls of <kevent/win32.h> (libkevent-win32)
 * behave as ported Windows code expects: CreateEvent's ERROR_ALREADY_EXISTS
 * with a valid handle, OpenEvent's errors, wide names, handles that are
 * never NULL, Set/Reset/Pulse, waits (zero timeout, INFINITE, lowest index
 * wins, atomic bWaitAll, alertable waits), SignalObjectAndWait, GetLastError
 * per thread, bInheritHandle.
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>

#include <kevent.h>
#include <kevent/win32.h>
#include "../core/kt.h"

static HANDLE later;

static void *set_later(void *arg)
{
	usleep((useconds_t)(uintptr_t)arg);
	SetEvent(later);
	return NULL;
}

static DWORD thread_error;

static void *error_thread(void *arg)
{
	(void)arg;
	SetLastError(42);
	thread_error = GetLastError();
	return NULL;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static const char *self;

/*
 * "events child FD DEFAULT_FD": what a program started with inherited
 * handles sees. FD was inherited: set it. DEFAULT_FD was close-on-exec.
 */
static int child_main(int fd, int cloexec_fd)
{
	if (!SetEvent(kev_handle_from_fd(fd)))
		return 1;
	return fcntl(cloexec_fd, F_GETFD) == -1 && errno == EBADF ? 0 : 2;
}

static pid_t exec_child(int fd, int cloexec_fd)
{
	char a[16], b[16];
	pid_t pid;

	snprintf(a, sizeof(a), "%d", fd);
	snprintf(b, sizeof(b), "%d", cloexec_fd);
	pid = fork();
	if (pid == 0) {
		execl(self, self, "child", a, b, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static unsigned long read_param(const char *name)
{
	char path[128];
	unsigned long v = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/kevent/parameters/%s", name);
	f = fopen(path, "r");
	if (!f || fscanf(f, "%lu", &v) != 1)
		bail_out("read %s", path);
	fclose(f);
	return v;
}

static void write_param(const char *name, unsigned long v)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/kevent/parameters/%s", name);
	f = fopen(path, "w");
	if (!f || fprintf(f, "%lu\n", v) < 0 || fclose(f))
		bail_out("write %s", path);
}

int main(int argc, char *argv[])
{
	SECURITY_ATTRIBUTES sa = { sizeof(sa), NULL, TRUE };
	HANDLE a, b, c, h[3], dup[2], named, ro;
	pthread_t t;
	struct sigaction act = { 0 };
	int fd, status;
	pid_t pid;

	unsigned long limit;

	if (argc == 4 && !strcmp(argv[1], "child"))
		return child_main(atoi(argv[2]), atoi(argv[3]));
	self = "/proc/self/exe";
	plan(58);

	/* CreateEvent and ERROR_ALREADY_EXISTS */
	SetLastError(7);
	a = CreateEventA(NULL, FALSE, FALSE, "w32-a");
	ok(a != NULL && GetLastError() == ERROR_SUCCESS, "CreateEventA of a new name: a handle, ERROR_SUCCESS");
	b = CreateEventA(NULL, TRUE, TRUE, "w32-a");
	ok(b != NULL && GetLastError() == ERROR_ALREADY_EXISTS,
	   "CreateEventA of an existing name: a valid handle and ERROR_ALREADY_EXISTS");
	is_int(kev_is_manual(kev_fd_from_handle(b)), 0, "... of the existing (auto-reset) event, its type kept");
	ok(SetEvent(b), "SetEvent through the second handle");
	is_int((int)WaitForSingleObject(a, 0), (int)WAIT_OBJECT_0, "... satisfies a wait on the first (WAIT_OBJECT_0)");
	is_int((int)WaitForSingleObject(a, 0), (int)WAIT_TIMEOUT, "... and an auto-reset event is consumed: WAIT_TIMEOUT");
	c = CreateEventW(NULL, FALSE, FALSE, L"w32-a");
	ok(c != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "CreateEventW(L\"w32-a\") opens the same event");
	CloseHandle(c);
	c = CreateEventW(NULL, TRUE, FALSE, L"w32-\u00e9v\u00e9nement");
	ok(c != NULL && kt_proc_lists("w32-\xc3\xa9v\xc3\xa9nement"), "a wide name is the UTF-8 name in /proc/kevent");
	CloseHandle(c);
	ok(CreateEventW(NULL, FALSE, FALSE, L"bad-\xd800") == NULL && GetLastError() == ERROR_INVALID_NAME,
	   "a lone surrogate in a wide name: NULL, ERROR_INVALID_NAME");
	ok(CreateEventA(NULL, FALSE, FALSE, "a\\b") == NULL && GetLastError() == ERROR_INVALID_NAME,
	   "a backslash outside Global\\ and Local\\: ERROR_INVALID_NAME");
	c = CreateEventA(NULL, FALSE, FALSE, "Global\\w32-a");
	ok(c != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "Global\\w32-a is w32-a");
	CloseHandle(c);
	c = CreateEventA(NULL, FALSE, TRUE, "");
	ok(c != NULL && GetLastError() == ERROR_SUCCESS, "an empty name is an unnamed event");
	is_int((int)WaitForSingleObject(c, 0), (int)WAIT_OBJECT_0, "... created signaled (bInitialState)");
	CloseHandle(c);
	sa.lpSecurityDescriptor = &sa;
	ok(CreateEventA(&sa, FALSE, FALSE, NULL) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
	   "a security descriptor is not supported: ERROR_INVALID_PARAMETER");
	sa.lpSecurityDescriptor = NULL;

	/* CreateEventEx */
	c = CreateEventExA(NULL, NULL, CREATE_EVENT_MANUAL_RESET | CREATE_EVENT_INITIAL_SET, EVENT_ALL_ACCESS);
	ok(c && kev_is_manual(kev_fd_from_handle(c)) == 1 && kev_state(kev_fd_from_handle(c)) == 1,
	   "CreateEventExA: CREATE_EVENT_MANUAL_RESET | CREATE_EVENT_INITIAL_SET");
	CloseHandle(c);
	ok(CreateEventExA(NULL, NULL, 0x100, EVENT_ALL_ACCESS) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
	   "CreateEventExA: an unknown flag is ERROR_INVALID_PARAMETER");
	c = CreateEventExW(NULL, L"w32-a", 0, SYNCHRONIZE);
	ok(c != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "CreateEventExW with SYNCHRONIZE opens the existing event");
	ok(!SetEvent(c) && GetLastError() == ERROR_ACCESS_DENIED, "... and that handle may not set it: ERROR_ACCESS_DENIED");
	CloseHandle(c);

	/* OpenEvent */
	c = OpenEventA(EVENT_MODIFY_STATE, FALSE, "w32-a");
	ok(c != NULL, "OpenEventA(EVENT_MODIFY_STATE)");
	ok(WaitForSingleObject(c, 0) == WAIT_FAILED && GetLastError() == ERROR_ACCESS_DENIED,
	   "... may not wait: WAIT_FAILED, ERROR_ACCESS_DENIED");
	CloseHandle(c);
	ok(OpenEventA(SYNCHRONIZE, FALSE, "w32-none") == NULL && GetLastError() == ERROR_FILE_NOT_FOUND,
	   "OpenEventA of a missing name: ERROR_FILE_NOT_FOUND");
	ok(OpenEventW(EVENT_ALL_ACCESS, FALSE, L"w32-a") != NULL, "OpenEventW(EVENT_ALL_ACCESS)");
	pid = fork();
	if (pid == 0) {
		if (setgid(1000) || setuid(1000))
			_exit(2);
		_exit(OpenEventA(SYNCHRONIZE, FALSE, "w32-a") == NULL &&
		      GetLastError() == ERROR_ACCESS_DENIED ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "another user opening a 0600 event: ERROR_ACCESS_DENIED");

	/* Handles */
	c = CreateEventA(NULL, FALSE, FALSE, NULL);
	fd = kev_fd_from_handle(c);
	ok(kev_handle_from_fd(fd) == c, "kev_handle_from_fd and kev_fd_from_handle convert");
	dup2(fd, 0);
	close(fd);
	c = kev_handle_from_fd(0);
	ok(c != NULL && SetEvent(c) && WaitForSingleObject(c, 0) == WAIT_OBJECT_0,
	   "an event on fd 0 has a non-NULL handle that works");
	CloseHandle(c);
	ok(!CloseHandle(c) && GetLastError() == ERROR_INVALID_HANDLE, "CloseHandle twice: ERROR_INVALID_HANDLE");
	ok(!SetEvent(NULL) && GetLastError() == ERROR_INVALID_HANDLE, "SetEvent(NULL): ERROR_INVALID_HANDLE");

	/* Waits on many */
	h[0] = CreateEventA(NULL, FALSE, FALSE, NULL);
	h[1] = CreateEventA(NULL, FALSE, TRUE, NULL);
	h[2] = CreateEventA(NULL, FALSE, TRUE, NULL);
	is_int((int)WaitForMultipleObjects(3, h, FALSE, 0), (int)WAIT_OBJECT_0 + 1,
	       "WaitForMultipleObjects: the lowest signaled index wins");
	is_int((int)WaitForMultipleObjects(3, h, TRUE, 10), (int)WAIT_TIMEOUT,
	       "bWaitAll with one unsignaled: WAIT_TIMEOUT");
	is_int(kev_state(kev_fd_from_handle(h[2])), 1, "... and the signaled one was not consumed (atomic)");
	ResetEvent(h[2]);
	ok(SetEvent(h[0]) && SetEvent(h[1]) && SetEvent(h[2]) &&
	   WaitForMultipleObjects(3, h, TRUE, 0) == WAIT_OBJECT_0, "bWaitAll with all signaled: WAIT_OBJECT_0");
	dup[0] = h[0];
	dup[1] = h[0];
	ok(WaitForMultipleObjects(2, dup, TRUE, 0) == WAIT_FAILED && GetLastError() == ERROR_INVALID_PARAMETER,
	   "bWaitAll with the same handle twice: ERROR_INVALID_PARAMETER");
	ok(WaitForMultipleObjects(0, h, FALSE, 0) == WAIT_FAILED && GetLastError() == ERROR_INVALID_PARAMETER,
	   "nCount 0: ERROR_INVALID_PARAMETER");
	ok(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS + 1, h, FALSE, 0) == WAIT_FAILED &&
	   GetLastError() == ERROR_INVALID_PARAMETER, "nCount MAXIMUM_WAIT_OBJECTS + 1: ERROR_INVALID_PARAMETER");

	/* INFINITE and PulseEvent */
	later = h[0];
	pthread_create(&t, NULL, set_later, (void *)(uintptr_t)100000);
	is_int((int)WaitForSingleObject(h[0], INFINITE), (int)WAIT_OBJECT_0, "INFINITE: released by a SetEvent later");
	pthread_join(t, NULL);
	c = CreateEventA(NULL, TRUE, FALSE, "w32-pulse");
	pid = fork();
	if (pid == 0)
		_exit(WaitForSingleObject(OpenEventA(SYNCHRONIZE, FALSE, "w32-pulse"), 10000) == WAIT_OBJECT_0 ? 0 : 1);
	is_int(kt_wait_waiters(kev_fd_from_handle(c), 1), 0, "a process waits on a manual-reset event");
	ok(PulseEvent(c), "PulseEvent");
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "... released the waiter");
	is_int(kev_state(kev_fd_from_handle(c)), 0, "... and left the event non-signaled");

	/* Alertable waits and signals */
	act.sa_handler = on_alarm;	/* no SA_RESTART */
	sigaction(SIGALRM, &act, NULL);
	ualarm(50000, 0);
	is_int((int)WaitForSingleObjectEx(c, 5000, TRUE), (int)WAIT_IO_COMPLETION,
	       "an alertable wait a signal handler interrupted: WAIT_IO_COMPLETION");
	ualarm(50000, 0);
	is_int((int)WaitForSingleObjectEx(c, 200, FALSE), (int)WAIT_TIMEOUT,
	       "a non-alertable one goes on to its timeout: WAIT_TIMEOUT");

	/* GetLastError is per thread; bInheritHandle */
	SetLastError(5);
	pthread_create(&t, NULL, error_thread, NULL);
	pthread_join(t, NULL);
	ok(thread_error == 42 && GetLastError() == 5, "GetLastError/SetLastError are per thread");
	c = CreateEventA(&sa, FALSE, FALSE, NULL);
	fd = kev_fd_from_handle(c);
	ok(c && !(fcntl(fd, F_GETFD) & FD_CLOEXEC), "bInheritHandle: the fd survives exec (no FD_CLOEXEC)");
	ok(b && (fcntl(kev_fd_from_handle(b), F_GETFD) & FD_CLOEXEC), "... and by default it does not");
	pid = exec_child(fd, kev_fd_from_handle(b));
	is_int((int)WaitForSingleObject(c, 5000), (int)WAIT_OBJECT_0,
	       "bInheritHandle: a program exec'd with the handle sets the event through it");
	ok(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "... and the default handle was closed by that exec (EBADF there)");

	/* A kevent limit is ERROR_NOT_ENOUGH_MEMORY; WaitForMultipleObjectsEx */
	limit = read_param("max_events_per_user");
	write_param("max_events_per_user", 0);
	SetLastError(0);
	ok(CreateEventA(NULL, FALSE, FALSE, "w32-limit") == NULL &&
	   GetLastError() == ERROR_NOT_ENOUGH_MEMORY,
	   "CreateEventA past the per-user event limit: NULL, ERROR_NOT_ENOUGH_MEMORY");
	write_param("max_events_per_user", limit);
	h[0] = CreateEventA(NULL, FALSE, FALSE, NULL);
	h[1] = CreateEventA(NULL, TRUE, TRUE, NULL);
	is_int((int)WaitForMultipleObjectsEx(2, h, FALSE, 0, TRUE), (int)WAIT_OBJECT_0 + 1,
	       "WaitForMultipleObjectsEx: WAIT_OBJECT_0 + the signaled index");

	/* SignalObjectAndWait: set h[0], wait on h[2]. */
	h[2] = CreateEventA(NULL, FALSE, FALSE, NULL);
	is_int((int)SignalObjectAndWait(h[0], h[2], 10, FALSE), (int)WAIT_TIMEOUT,
	       "SignalObjectAndWait: the waited event stays clear: WAIT_TIMEOUT");
	is_int(kt_state(kev_fd_from_handle(h[0])), 1, "... and the other one was set");
	SetEvent(h[2]);
	ResetEvent(h[0]);
	is_int((int)SignalObjectAndWait(h[0], h[2], INFINITE, FALSE), (int)WAIT_OBJECT_0,
	       "SignalObjectAndWait on a signaled event: WAIT_OBJECT_0");
	ok(kt_state(kev_fd_from_handle(h[0])) == 1 && kt_state(kev_fd_from_handle(h[2])) == 0,
	   "... one set, the other consumed");
	later = h[2];
	pthread_create(&t, NULL, set_later, (void *)(uintptr_t)100000);
	is_int((int)SignalObjectAndWait(h[0], h[2], 10000, FALSE), (int)WAIT_OBJECT_0,
	       "SignalObjectAndWait released by a later SetEvent");
	pthread_join(t, NULL);
	SetLastError(0);
	ResetEvent(h[0]);
	is_int((int)SignalObjectAndWait(h[0], NULL, 0, FALSE), (int)WAIT_FAILED,
	       "SignalObjectAndWait with a NULL handle: WAIT_FAILED");
	is_int((int)GetLastError(), ERROR_INVALID_HANDLE, "... ERROR_INVALID_HANDLE");
	named = CreateEventA(NULL, FALSE, FALSE, "w32-soaw");
	ro = OpenEventA(SYNCHRONIZE, FALSE, "w32-soaw");
	is_int((int)SignalObjectAndWait(ro, h[2], 0, FALSE), (int)WAIT_FAILED,
	       "SignalObjectAndWait on a handle without EVENT_MODIFY_STATE: WAIT_FAILED");
	is_int((int)GetLastError(), ERROR_ACCESS_DENIED, "... ERROR_ACCESS_DENIED");
	is_int(kt_state(kev_fd_from_handle(named)), 0, "... and nothing was set");
	return done();
}
