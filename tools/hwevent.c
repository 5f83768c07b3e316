// SPDX-License-Identifier: GPL-2.0
/*
 * hwevent: the test application of the hardware-event demo driver (the
 * "event.exe" of Microsoft's Hardware Event sample) for /dev/kevent-hwsim.
 *
 *   hwevent <delay-seconds> <0|1|2|3> [--count N] [options]
 *
 *   0  pending request: WAIT_EVENT blocks until the driver's timer fires
 *      and returns a message (--async: QUEUE_REQUEST, then poll() and read()
 *      the message, like overlapped I/O)
 *   1  event-based: the application creates an event, hands its fd to the
 *      driver (REGISTER_EVENT) and waits on it
 *   2  named: the application creates a named synchronization event, the
 *      driver opens it by name (SIGNAL_NAMED) and sets it
 *   3  notifier: the application creates the event the driver's
 *      kevent_notifier names (notify_names), the driver notifies it (NOTIFY)
 *
 * Each notification is printed with the delay measured from the request to
 * its arrival. Exit status 0 only if every notification arrived (within the
 * delay plus --slack seconds) and none arrived early; 1 otherwise, 2 for a
 * usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <kevent.h>
#include <linux/kevent_hwsim.h>

#define NOTIFY_NAMES "/sys/module/kevent_hwsim/parameters/notify_names"

static const char *const mode_names[] = {
	"pending request", "event-based", "named event", "notifier",
};
static const char *const ctx_names[] = { "hardirq", "softirq", "irqsoff" };

static struct {
	double delay;
	int mode;
	long count;
	unsigned int ctx;
	int async;
	unsigned int index;
	double slack;
} opt = { .count = 1, .slack = 10.0 };

static void __attribute__((noreturn)) usage(FILE *to, int status)
{
	fprintf(to,
		"usage: hwevent <delay-seconds> <0|1|2|3> [--count N] [options]\n"
		"  0 pending request (WAIT_EVENT; --async: QUEUE_REQUEST + poll + read)\n"
		"  1 event-based (REGISTER_EVENT with an event fd)\n"
		"  2 named event (SIGNAL_NAMED: the driver opens the event by name)\n"
		"  3 notifier (NOTIFY: the driver's kevent_notifier sets notify_names[index])\n"
		"options:\n"
		"  --count N        notifications to ask for, one after the other (default 1)\n"
		"  --context C      where the driver's timer acts: hardirq (default), softirq, irqsoff\n"
		"  --async          mode 0: overlapped (queue the request, poll and read the message)\n"
		"  --index I        mode 3: notifier index (default 0)\n"
		"  --slack S        seconds a notification may be late before it counts as lost (10)\n"
		"Prints each notification with its measured delay; exits 0 only if all arrived, none early.\n");
	exit(status);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static int wait_ms(void)
{
	return (int)((opt.delay + opt.slack) * 1000.0 + 0.5);
}

/* The notifier's name at opt.index, from the module parameter. */
static int notify_name(char *name, size_t size)
{
	char buf[4096], *p, *tok;
	unsigned int i = 0;
	FILE *f = fopen(NOTIFY_NAMES, "r");

	if (!f || !fgets(buf, sizeof(buf), f)) {
		fprintf(stderr, "hwevent: %s: %s\n", NOTIFY_NAMES, strerror(errno ? errno : EIO));
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	buf[strcspn(buf, "\n")] = 0;
	for (p = buf; (tok = strsep(&p, ",")); i++) {
		if (i == opt.index && *tok) {
			snprintf(name, size, "%s", tok);
			return 0;
		}
	}
	fprintf(stderr, "hwevent: the driver's notifier has no index %u (notify_names=%s)\n",
		opt.index, buf);
	return -1;
}

static const char *msg_context(uint32_t flags)
{
	if (flags & KEVENT_HWSIM_MSG_HARDIRQ)
		return "hardirq";
	if (flags & KEVENT_HWSIM_MSG_SOFTIRQ)
		return "softirq";
	if (flags & KEVENT_HWSIM_MSG_IRQS_OFF)
		return "task, irqs off";
	return "task";
}

/*
 * One notification of the chosen mode. Returns 0 when it arrived on time,
 * 1 when it is missing or early, -1 on a setup error (message printed).
 */
static int one(int hw, long n, const char *name, int named_ev)
{
	uint64_t delay_ns = (uint64_t)(opt.delay * 1e9 + 0.5);
	uint64_t t0, t1;
	struct kevent_hwsim_msg msg;
	int ev = -1, have_msg = 0, r = 0;
	char extra[160] = "";

	memset(&msg, 0, sizeof(msg));
	if (opt.mode == 1) {
		ev = kev_create(NULL, 0, 0, NULL);
	} else if (opt.mode >= 2) {
		/* The application's named event lives for the whole run. */
		ev = named_ev;
		kev_reset(ev);	/* an earlier notification may have been left */
	}
	if (opt.mode && ev < 0) {
		fprintf(stderr, "hwevent: kev_create(%s): %s\n", name ? name : "anonymous",
			strerror(errno));
		return -1;
	}

	t0 = now_ns();
	switch (opt.mode) {
	case 0:
		if (!opt.async) {
			struct kevent_hwsim_wait w = {
				.delay_ns = delay_ns, .context = opt.ctx, .cookie = n,
			};

			r = ioctl(hw, KEVENT_HWSIM_IOC_WAIT_EVENT, &w);
			msg = w.msg;
		} else {
			struct kevent_hwsim_queue q = {
				.delay_ns = delay_ns, .context = opt.ctx, .cookie = n,
			};
			struct pollfd p = { .fd = hw, .events = POLLIN };

			r = ioctl(hw, KEVENT_HWSIM_IOC_QUEUE_REQUEST, &q);
			if (!r) {
				r = poll(&p, 1, wait_ms());
				if (r == 1 && read(hw, &msg, sizeof(msg)) == sizeof(msg)) {
					r = 0;
				} else {
					fprintf(stderr, "hwevent: no message within %.3f s\n",
						opt.delay + opt.slack);
					return 1;
				}
			}
		}
		if (r) {
			fprintf(stderr, "hwevent: %s: %s\n", opt.async ? "QUEUE_REQUEST" :
				"WAIT_EVENT", strerror(errno));
			return -1;
		}
		have_msg = 1;
		break;
	case 1: {
		struct kevent_hwsim_register reg = {
			.fd = ev, .context = opt.ctx, .delay_ns = delay_ns,
		};

		r = ioctl(hw, KEVENT_HWSIM_IOC_REGISTER_EVENT, &reg);
		break;
	}
	case 2: {
		struct kevent_hwsim_named nm = { .delay_ns = delay_ns, .context = opt.ctx };

		snprintf(nm.name, sizeof(nm.name), "%s", name);
		r = ioctl(hw, KEVENT_HWSIM_IOC_SIGNAL_NAMED, &nm);
		break;
	}
	case 3: {
		struct kevent_hwsim_notify no = { .index = opt.index, .delay_ns = delay_ns };

		if (!delay_ns)
			no.delay_ns = 1;	/* 0 would notify inside the ioctl */
		r = ioctl(hw, KEVENT_HWSIM_IOC_NOTIFY, &no);
		break;
	}
	}
	if (r) {
		fprintf(stderr, "hwevent: %s request: %s\n", mode_names[opt.mode], strerror(errno));
		if (opt.mode == 1)
			kev_close(ev);
		return -1;
	}
	if (opt.mode && kev_wait(ev, wait_ms()) < 0) {
		int e = errno;

		t1 = now_ns();
		printf("#%ld %s: NO NOTIFICATION after %.6f s (%s)\n", n, mode_names[opt.mode],
		       (t1 - t0) / 1e9, strerror(e));
		if (opt.mode == 1)
			kev_close(ev);
		return 1;
	}
	t1 = now_ns();
	if (opt.mode == 1)
		kev_close(ev);

	if (have_msg)
		snprintf(extra, sizeof(extra),
			 ": message seq %llu, source %s, cookie %llu, fired %.6f s after arming, in %s",
			 (unsigned long long)msg.seq,
			 msg.source == KEVENT_HWSIM_SOURCE_WAIT ? "WAIT_EVENT" :
			 msg.source == KEVENT_HWSIM_SOURCE_QUEUE ? "QUEUE_REQUEST (read)" : "?",
			 (unsigned long long)msg.cookie,
			 (msg.timestamp_ns - msg.armed_ns) / 1e9, msg_context(msg.flags));
	else if (opt.mode == 2)
		snprintf(extra, sizeof(extra), ": \"%s\" set by the driver", name);
	else if (opt.mode == 3)
		snprintf(extra, sizeof(extra), ": notify_index(%u) set \"%s\"", opt.index, name);
	else
		snprintf(extra, sizeof(extra), ": event fd %d set by the driver", ev);

	r = 0;
	if (t1 - t0 < delay_ns ||
	    (have_msg && msg.timestamp_ns - msg.armed_ns < delay_ns))
		r = 1;
	printf("#%ld %s after %.6f s (asked %.3f s)%s%s\n", n, mode_names[opt.mode],
	       (t1 - t0) / 1e9, opt.delay, extra, r ? " EARLY!" : "");
	return r;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "count", required_argument, NULL, 'c' },
		{ "context", required_argument, NULL, 'x' },
		{ "async", no_argument, NULL, 'a' },
		{ "index", required_argument, NULL, 'i' },
		{ "slack", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	char name[KEV_NAME_MAX + 1] = "", *end;
	long i, good = 0, bad = 0;
	unsigned int c;
	int o, hw, named_ev = -1;

	while ((o = getopt_long(argc, argv, "c:x:ai:s:h", longopts, NULL)) != -1) {
		switch (o) {
		case 'c':
			opt.count = strtol(optarg, &end, 10);
			if (*end || opt.count < 1)
				usage(stderr, 2);
			break;
		case 'x':
			for (c = 0; c < 3; c++)
				if (!strcmp(optarg, ctx_names[c]))
					break;
			if (c == 3)
				usage(stderr, 2);
			opt.ctx = c;
			break;
		case 'a':
			opt.async = 1;
			break;
		case 'i':
			opt.index = strtoul(optarg, &end, 10);
			if (*end)
				usage(stderr, 2);
			break;
		case 's':
			opt.slack = strtod(optarg, &end);
			if (*end || opt.slack < 0)
				usage(stderr, 2);
			break;
		case 'h':
			usage(stdout, 0);
		default:
			usage(stderr, 2);
		}
	}
	if (argc - optind != 2)
		usage(stderr, 2);
	opt.delay = strtod(argv[optind], &end);
	if (*end || end == argv[optind] || opt.delay < 0 || opt.delay > 3600)
		usage(stderr, 2);
	if (strlen(argv[optind + 1]) != 1 || argv[optind + 1][0] < '0' ||
	    argv[optind + 1][0] > '3')
		usage(stderr, 2);
	opt.mode = argv[optind + 1][0] - '0';
	setvbuf(stdout, NULL, _IOLBF, 0);

	hw = open(KEVENT_HWSIM_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (hw < 0) {
		fprintf(stderr, "hwevent: %s: %s (is kevent_hwsim loaded?)\n",
			KEVENT_HWSIM_DEVICE_PATH, strerror(errno));
		return 1;
	}
	if (opt.mode == 2)
		snprintf(name, sizeof(name), "hwevent-named-%ld", (long)getpid());
	if (opt.mode == 3 && notify_name(name, sizeof(name)))
		return 1;
	if (opt.mode >= 2) {
		/* Mode 2 and 3: the application creates the named event. */
		named_ev = kev_create(name, 0, 0600, NULL);
		if (named_ev < 0) {
			fprintf(stderr, "hwevent: kev_create(%s): %s\n", name, strerror(errno));
			return 1;
		}
	}
	printf("hwevent: mode %d (%s%s), delay %.3f s, %ld notification%s, timer in %s\n",
	       opt.mode, mode_names[opt.mode], opt.mode == 0 && opt.async ? ", asynchronous" : "",
	       opt.delay, opt.count, opt.count == 1 ? "" : "s",
	       opt.mode == 3 ? "hardirq, notify from a work item" : ctx_names[opt.ctx]);

	for (i = 1; i <= opt.count; i++) {
		int r = one(hw, i, name[0] ? name : NULL, named_ev);

		if (r < 0)
			return 1;
		if (r)
			bad++;
		else
			good++;
	}
	close(hw);
	printf("hwevent: %ld of %ld notifications on time%s\n", good, opt.count,
	       bad ? ", FAILED" : "");
	return bad ? 1 : 0;
}
