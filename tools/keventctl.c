// SPDX-License-Identifier: GPL-2.0
/*
 * keventctl: create, open, signal, wait for and list kevent events from the
 * shell. A thin front end to libkevent; man 1 keventctl documents it.
 *
 * Exit status: 0 success (wait: signaled), 1 wait timed out, 2 error. Every
 * error is one line on stderr naming the cause and, where there is one, the
 * fix.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kevent.h>

#define EXIT_TIMEOUT	1
#define EXIT_ERROR	2

#ifndef PROC_KEVENT
#define PROC_KEVENT	"/proc/kevent"
#endif

static const char *prog = "keventctl";

static void usage(FILE *f)
{
	fprintf(f,
"Usage: keventctl COMMAND [ARGS] [OPTIONS]\n"
"\n"
"Commands:\n"
"  create NAME [--manual] [--set] [--mode MODE] [--permanent] [--new]\n"
"                       create NAME, or open it if it exists\n"
"  hold NAME [--manual] [--set] [--mode MODE]\n"
"                       create or open NAME and keep it open until killed\n"
"  open NAME            check that NAME can be opened; print its type and state\n"
"  set NAME             signal NAME\n"
"  reset NAME           make NAME nonsignaled\n"
"  pulse NAME           release NAME's waiters and leave it nonsignaled\n"
"  state NAME           print 'signaled' or 'nonsignaled'\n"
"  wait NAME... [--all] [--timeout MS]\n"
"                       wait until one (or with --all every) NAME is signaled;\n"
"                       without --all, print the name that satisfied the wait\n"
"  list                 list the named events of this IPC namespace\n"
"  unlink NAME          make the permanent NAME temporary again: it dies with\n"
"                       its last handle (at once if none is open)\n"
"\n"
"Options:\n"
"  --manual             manual-reset (notification) event; default auto-reset\n"
"  --set                start signaled\n"
"  --mode MODE          octal permissions of a new event (default 0600)\n"
"  --permanent          keep the event after the last handle closes, until\n"
"                       'keventctl unlink' (needs CAP_SYS_ADMIN)\n"
"  --new                fail if NAME already exists\n"
"  --all                wait for all events at once\n"
"  --timeout MS         give up after MS milliseconds (exit status 1)\n"
"  -h, --help           show this help and exit\n"
"  -V, --version        show the version and exit\n"
"\n"
"A named event lives only while some handle to it is open. 'keventctl create'\n"
"closes its handle when it exits, so without --permanent the event is gone\n"
"again at once: keep one alive with --permanent, or run 'keventctl hold NAME &'\n"
"and kill it when done. Waiting on an auto-reset event consumes its signal.\n"
"\n"
"Exit status: 0 success (wait: signaled), 1 wait timed out, 2 error.\n");
}

/* Print "keventctl: MESSAGE" on stderr and exit with status 2. */
static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_ERROR);
}

/*
 * Turn a library failure into one line naming the cause and the fix. what
 * is the operation ("open", "set", ...), name the event, err the errno.
 */
static void __attribute__((noreturn))
die_errno(const char *what, const char *name, int err)
{
	switch (err) {
	case ENOENT:
		die("no such event '%s': create it first, or check the IPC namespace",
		    name);
	case EEXIST:
		die("event '%s' already exists: choose another name, or drop --new",
		    name);
	case EACCES:
		die("permission denied to %s event '%s': run as its owner, or have it created with a wider --mode",
		    what, name);
	case EPERM:
		if (!strcmp(what, "unlink"))
			die("cannot unlink event '%s': unlinking needs CAP_SYS_ADMIN; run as root",
			    name);
		if (!strcmp(what, "create"))
			die("cannot create permanent event '%s': --permanent needs CAP_SYS_ADMIN; run as root, or keep it alive with 'keventctl hold %s'",
			    name, name);
		die("operation not permitted to %s event '%s': %s", what, name,
		    strerror(err));
	case ENODEV:
		die("cannot %s event '%s': the kevent module is not loaded (no %s): load it with 'insmod kevent.ko'",
		    what, name, "/dev/kevent");
	case ENAMETOOLONG:
		die("event name too long (%zu bytes): at most %d bytes after an optional 'Global\\' or 'Local\\' prefix",
		    strlen(name), KEV_NAME_MAX);
	case EINVAL:
		if (!strcmp(what, "unlink"))
			die("cannot unlink event '%s': it is not permanent (a temporary event goes away with its last handle), or the name is invalid",
			    name);
		die("cannot %s event '%s': invalid argument (a name is 1-%d bytes, with no backslash except after 'Global\\' or 'Local\\')",
		    what, name, KEV_NAME_MAX);
	case EMFILE:
	case ENFILE:
		die("cannot %s event '%s': too many open files: raise the limit (ulimit -n) or wait for fewer events",
		    what, name);
	default:
		die("cannot %s event '%s': %s", what, name, strerror(err));
	}
}

/* Options shared by every command; each command checks which it accepts. */
struct opts {
	unsigned int create_flags;
	mode_t mode;
	int all;
	int timeout_ms;
	unsigned int given;	/* OPT_* bits of the options on the command line */
};

enum {
	OPT_MANUAL = 1 << 0,
	OPT_SET = 1 << 1,
	OPT_MODE = 1 << 2,
	OPT_PERMANENT = 1 << 3,
	OPT_NEW = 1 << 4,
	OPT_ALL = 1 << 5,
	OPT_TIMEOUT = 1 << 6,
};

static const char *const opt_names[] = {
	"--manual", "--set", "--mode", "--permanent", "--new", "--all",
	"--timeout",
};

static mode_t parse_mode(const char *s)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 8);
	if (errno || end == s || *end || v > 0777 || *s == '-')
		die("invalid mode '%s': give octal permission bits, e.g. 0600 or 0666",
		    s);
	return (mode_t)v;
}

static int parse_timeout(const char *s)
{
	long v;
	char *end;

	if (!strcmp(s, "inf") || !strcmp(s, "infinite"))
		return KEV_INFINITE;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > INT_MAX)
		die("invalid timeout '%s': give milliseconds from 0 to %d, or 'inf'",
		    s, INT_MAX);
	return (int)v;
}

/* Parse options; leave the operands in argv[optind..]. */
static void parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "manual",	no_argument,		NULL, 'm' },
		{ "set",	no_argument,		NULL, 's' },
		{ "mode",	required_argument,	NULL, 'M' },
		{ "permanent",	no_argument,		NULL, 'p' },
		{ "new",	no_argument,		NULL, 'n' },
		{ "all",	no_argument,		NULL, 'a' },
		{ "timeout",	required_argument,	NULL, 't' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->timeout_ms = KEV_INFINITE;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":hVt:", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			o->create_flags |= KEV_MANUAL_RESET;
			o->given |= OPT_MANUAL;
			break;
		case 's':
			o->create_flags |= KEV_INITIAL_SET;
			o->given |= OPT_SET;
			break;
		case 'M':
			o->mode = parse_mode(optarg);
			o->given |= OPT_MODE;
			break;
		case 'p':
			o->create_flags |= KEV_PERMANENT;
			o->given |= OPT_PERMANENT;
			break;
		case 'n':
			o->create_flags |= KEV_CREATE_NEW;
			o->given |= OPT_NEW;
			break;
		case 'a':
			o->all = 1;
			o->given |= OPT_ALL;
			break;
		case 't':
			o->timeout_ms = parse_timeout(optarg);
			o->given |= OPT_TIMEOUT;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'V':
			printf("keventctl (kevent) %s\n", KEV_VERSION_STRING);
			exit(0);
		case ':':
			die("option '%s' needs an argument: see 'keventctl --help'",
			    argv[optind - 1]);
		default:
			die("unknown option '%s': see 'keventctl --help'",
			    argv[optind - 1]);
		}
	}
}

/* Refuse options that the command does not take. */
static void only_opts(const char *cmd, const struct opts *o, unsigned int allowed)
{
	unsigned int bad = o->given & ~allowed;
	unsigned int i;

	for (i = 0; bad; i++, bad >>= 1)
		if (bad & 1)
			die("option %s does not apply to '%s': see 'keventctl --help'",
			    opt_names[i], cmd);
}

/* Exactly one NAME operand. */
static const char *one_name(const char *cmd, int argc, char **argv)
{
	if (argc - optind != 1)
		die("'%s' takes exactly one event name: keventctl %s NAME",
		    cmd, cmd);
	return argv[optind];
}

static int open_or_die(const char *what, const char *name, unsigned int access)
{
	int ev = kev_open(name, access, 0);

	if (ev < 0)
		die_errno(what, name, errno);
	return ev;
}

static const char *type_str(int manual)
{
	return manual ? "manual-reset (notification)" : "auto-reset (synchronization)";
}

static const char *state_str(int state)
{
	return state ? "signaled" : "nonsignaled";
}

static int cmd_create(const char *name, const struct opts *o)
{
	int existed = 0;
	int ev;

	ev = kev_create(name, o->create_flags, o->mode, &existed);
	if (ev < 0)
		die_errno("create", name, errno);

	if (existed) {
		int manual = kev_is_manual(ev), state = kev_state(ev);

		printf("event '%s' already exists (%s, %s)", name,
		       type_str(manual), state_str(state));
		if (o->create_flags & KEV_PERMANENT)
			printf(": it is now permanent; remove it with 'keventctl unlink %s'\n",
			       name);
		else if (o->given & (OPT_MANUAL | OPT_SET | OPT_MODE))
			printf(": it keeps its type, state and mode\n");
		else
			printf("\n");
	} else if (o->create_flags & KEV_PERMANENT) {
		printf("created permanent event '%s': remove it with 'keventctl unlink %s'\n",
		       name, name);
	} else {
		printf("created event '%s'; it is temporary and was destroyed when keventctl exited: use --permanent, or 'keventctl hold %s'\n",
		       name, name);
	}
	kev_close(ev);
	return 0;
}

static volatile sig_atomic_t hold_stop;

static void hold_signal(int sig)
{
	(void)sig;
	hold_stop = 1;
}

static int cmd_hold(const char *name, const struct opts *o)
{
	struct sigaction sa;
	sigset_t block, old;
	int existed = 0;
	int ev;

	/*
	 * Block the stop signals until the handlers are in place and the
	 * ready line is out, then wait for them with sigsuspend so that a
	 * signal arriving in between is not lost.
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = hold_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	ev = kev_create(name, o->create_flags, o->mode, &existed);
	if (ev < 0)
		die_errno("create", name, errno);

	printf("holding %s event '%s' (pid %ld): kill %ld to release it\n",
	       existed ? "existing" : "new", name, (long)getpid(),
	       (long)getpid());
	fflush(stdout);

	while (!hold_stop)
		sigsuspend(&old);
	kev_close(ev);
	return 0;
}

static int cmd_open(const char *name)
{
	int ev = open_or_die("open", name, KEV_ACCESS_WAIT);
	int manual = kev_is_manual(ev);
	int state = kev_state(ev);

	if (manual < 0 || state < 0)
		die_errno("query", name, errno);
	printf("%s: %s, %s\n", name, type_str(manual), state_str(state));
	kev_close(ev);
	return 0;
}

static int cmd_change(const char *cmd, const char *name)
{
	int ev = open_or_die(cmd, name, KEV_ACCESS_MODIFY);
	int ret;

	if (!strcmp(cmd, "set"))
		ret = kev_set(ev);
	else if (!strcmp(cmd, "reset"))
		ret = kev_reset(ev);
	else
		ret = kev_pulse(ev);
	if (ret < 0)
		die_errno(cmd, name, errno);
	kev_close(ev);
	return 0;
}

static int cmd_state(const char *name)
{
	int ev = open_or_die("query", name, KEV_ACCESS_WAIT);
	int state = kev_state(ev);

	if (state < 0)
		die_errno("query", name, errno);
	printf("%s\n", state_str(state));
	kev_close(ev);
	return 0;
}

static int cmd_wait(int n, char **names, const struct opts *o)
{
	int evs[KEV_WAIT_MAX];
	int i, ret;

	if (n < 1)
		die("'wait' needs at least one event name: keventctl wait NAME... [--all] [--timeout MS]");
	if (n > KEV_WAIT_MAX)
		die("too many events (%d): one wait takes at most %d", n,
		    KEV_WAIT_MAX);
	for (i = 0; i < n; i++)
		evs[i] = open_or_die("wait for", names[i], KEV_ACCESS_WAIT);

	if (o->all)
		ret = kev_wait_all(evs, n, o->timeout_ms);
	else
		ret = kev_wait_any(evs, n, o->timeout_ms);
	if (ret < 0 && errno == ETIMEDOUT) {
		fprintf(stderr, "%s: timed out after %d ms waiting for %s'%s'%s\n",
			prog, o->timeout_ms, o->all ? "all of " : "",
			names[0], n > 1 ? " and others" : "");
		return EXIT_TIMEOUT;
	}
	if (ret < 0 && errno == EINVAL && o->all)
		die("cannot wait for all of these events: an event appears twice (by the same or another name)");
	if (ret < 0)
		die_errno("wait for", names[0], errno);
	if (!o->all)
		printf("%s\n", names[ret]);
	return 0;
}

static int cmd_unlink(const char *name)
{
	if (kev_unlink(name) < 0)
		die_errno("unlink", name, errno);
	return 0;
}

/*
 * list: /proc/kevent is one header line naming the columns (name type state
 * handles waiters uid gid mode flags), then one line per named event with
 * blanks in names escaped, so every line splits on blanks. The table is
 * driven by the header, so a column the module adds later still shows up.
 */

#define LIST_COLS_MAX	16
#define LIST_ROWS_MAX	65536

struct row {
	char *col[LIST_COLS_MAX];
};

/* Look an id up in /etc/passwd or /etc/group (static binaries lack NSS). */
static char *id_name(const char *file, const char *id)
{
	char line[512];
	char *name = NULL;
	FILE *f = fopen(file, "r");

	if (!f)
		return strdup(id);
	while (!name && fgets(line, sizeof(line), f)) {
		char *user = strtok(line, ":");
		char *id_field;

		if (!user || !strtok(NULL, ":"))
			continue;
		id_field = strtok(NULL, ":\n");
		if (id_field && !strcmp(id_field, id))
			name = strdup(user);
	}
	fclose(f);
	return name ? name : strdup(id);
}

/* Split a line on blanks into at most LIST_COLS_MAX words; the count. */
static int split_words(char *line, char **words)
{
	int n = 0;
	char *w;

	for (w = strtok(line, " \t\n"); w; w = strtok(NULL, " \t\n")) {
		if (n == LIST_COLS_MAX)
			return -1;
		words[n++] = w;
	}
	return n;
}

/* The value to show for column hdr. */
static char *list_cell(const char *hdr, const char *val)
{
	if (!strcmp(hdr, "uid"))
		return id_name("/etc/passwd", val);
	if (!strcmp(hdr, "gid"))
		return id_name("/etc/group", val);
	if (!strcmp(hdr, "state") && (!strcmp(val, "0") || !strcmp(val, "1")))
		return strdup(state_str(val[0] == '1'));
	return strdup(val);
}

/* The title to show for column hdr. */
static void list_title(const char *hdr, char *buf, size_t size)
{
	size_t i;

	if (!strcmp(hdr, "uid"))
		hdr = "owner";
	else if (!strcmp(hdr, "gid"))
		hdr = "group";
	for (i = 0; hdr[i] && i + 1 < size; i++)
		buf[i] = (hdr[i] >= 'a' && hdr[i] <= 'z') ? hdr[i] - 'a' + 'A' : hdr[i];
	buf[i] = '\0';
}

static int cmd_list(void)
{
	char head_line[256], line[2048], title[LIST_COLS_MAX][32];
	char *head[LIST_COLS_MAX];
	size_t width[LIST_COLS_MAX];
	struct row *rows = NULL;
	int ncols, n = 0, i, c;
	FILE *f;

	f = fopen(PROC_KEVENT, "r");
	if (!f && errno == ENOENT)
		die("cannot list events: %s does not exist, the kevent module is not loaded: load it with 'insmod kevent.ko'",
		    PROC_KEVENT);
	if (!f)
		die("cannot list events: cannot open %s: %s", PROC_KEVENT,
		    strerror(errno));
	if (!fgets(head_line, sizeof(head_line), f))
		die("cannot list events: %s is empty: is the kevent module too old or too new for this keventctl?",
		    PROC_KEVENT);
	ncols = split_words(head_line, head);
	if (ncols < 1)
		die("cannot list events: %s has no column header", PROC_KEVENT);

	while (fgets(line, sizeof(line), f) && n < LIST_ROWS_MAX) {
		char *words[LIST_COLS_MAX];

		if (split_words(line, words) != ncols)
			continue;	/* not a line of this format */
		rows = realloc(rows, (n + 1) * sizeof(*rows));
		if (!rows)
			die("cannot list events: out of memory");
		for (c = 0; c < ncols; c++)
			rows[n].col[c] = list_cell(head[c], words[c]);
		n++;
	}
	fclose(f);

	if (n == 0) {
		printf("no named events in this IPC namespace\n");
		return 0;
	}
	for (c = 0; c < ncols; c++) {
		list_title(head[c], title[c], sizeof(title[c]));
		width[c] = strlen(title[c]);
		for (i = 0; i < n; i++)
			if (rows[i].col[c] && strlen(rows[i].col[c]) > width[c])
				width[c] = strlen(rows[i].col[c]);
	}
	for (i = -1; i < n; i++) {
		for (c = 0; c < ncols; c++) {
			const char *s = i < 0 ? title[c] : rows[i].col[c];
			int right = !strcmp(head[c], "handles") ||
				    !strcmp(head[c], "waiters");

			if (!s)
				s = "?";
			if (c == ncols - 1)
				printf("%s\n", s);
			else
				printf(right ? "%*s  " : "%-*s  ", (int)width[c], s);
			if (i >= 0)
				free(rows[i].col[c]);
		}
	}
	free(rows);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd;
	struct opts o;

	if (argc < 2) {
		usage(stderr);
		return EXIT_ERROR;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
		printf("keventctl (kevent) %s\n", KEV_VERSION_STRING);
		return 0;
	}

	/*
	 * Parse the command's arguments as their own argv, with the command
	 * as argv[0], so that getopt permutes options and operands freely
	 * ('keventctl wait a b --timeout 10' as well as '--timeout 10 a b').
	 */
	argc--;
	argv++;
	parse_opts(argc, argv, &o);

	if (!strcmp(cmd, "create")) {
		only_opts(cmd, &o, OPT_MANUAL | OPT_SET | OPT_MODE |
			  OPT_PERMANENT | OPT_NEW);
		return cmd_create(one_name(cmd, argc, argv), &o);
	}
	if (!strcmp(cmd, "hold")) {
		only_opts(cmd, &o, OPT_MANUAL | OPT_SET | OPT_MODE | OPT_NEW);
		return cmd_hold(one_name(cmd, argc, argv), &o);
	}
	if (!strcmp(cmd, "open")) {
		only_opts(cmd, &o, 0);
		return cmd_open(one_name(cmd, argc, argv));
	}
	if (!strcmp(cmd, "set") || !strcmp(cmd, "reset") || !strcmp(cmd, "pulse")) {
		only_opts(cmd, &o, 0);
		return cmd_change(cmd, one_name(cmd, argc, argv));
	}
	if (!strcmp(cmd, "state")) {
		only_opts(cmd, &o, 0);
		return cmd_state(one_name(cmd, argc, argv));
	}
	if (!strcmp(cmd, "wait")) {
		only_opts(cmd, &o, OPT_ALL | OPT_TIMEOUT);
		return cmd_wait(argc - optind, argv + optind, &o);
	}
	if (!strcmp(cmd, "list")) {
		only_opts(cmd, &o, 0);
		if (argc - optind != 0)
			die("'list' takes no arguments: keventctl list");
		return cmd_list();
	}
	if (!strcmp(cmd, "unlink")) {
		only_opts(cmd, &o, 0);
		return cmd_unlink(one_name(cmd, argc, argv));
	}
	die("unknown command '%s': see 'keventctl --help'", cmd);
}
