/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kevent_trace.h - kevent's tracepoints (the "kevent" trace system)
 *
 * kevent_create        a create call returned an event: name ("" when
 *                      anonymous), type, and whether it existed already
 * kevent_set, kevent_reset, kevent_pulse
 *                      a state change: the previous state and how many
 *                      waiters it released (always 0 for a reset); an
 *                      embedded event (kevent_init()) shows name "" id 0
 * kevent_wait_begin    a wait on @count events (any or all) starts, with
 *                      its timeout in ns (U64_MAX: infinite), relative or
 *                      an absolute deadline (@absolute; which clock is not
 *                      recorded; the wait ioctl turns relative timeouts
 *                      into CLOCK_MONOTONIC deadlines)
 * kevent_wait_end      ... and ends: result (0 or -errno), the satisfying
 *                      index, the time waited in ns
 * kevent_handoff       a signal-and-wait that released a task through the
 *                      event (name "" id 0 if anonymous) must sleep: the
 *                      task's pid and what became of the CPU hand-off
 *                      (ran, declined, skipped, away)
 *
 * Disabled tracepoints cost a static branch. The set events fire under the
 * event's raw spinlock, in any context: TP_fast_assign() copies a few
 * words and the name (at most KEVENT_NAME_MAX bytes) into the ring buffer.
 * docs/tracing.md shows them with tracefs, trace-cmd, perf and bpftrace.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM kevent

#if !defined(KEVENT_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define KEVENT_TRACE_H

#include <linux/tracepoint.h>
#include "kevent_compat.h"
#include "kevent_internal.h"

TRACE_EVENT(kevent_create,
	TP_PROTO(const struct kevent_object *obj, bool existed),
	TP_ARGS(obj, existed),
	TP_STRUCT__entry(
		__string(name, obj->name)
		__field(u32, id)
		__field(bool, manual)
		__field(bool, existed)
	),
	TP_fast_assign(
		kevent_assign_str(name, obj->name);
		__entry->id = obj->id;
		__entry->manual = obj->event.manual;
		__entry->existed = existed;
	),
	TP_printk("name=%s id=%u type=%s existed=%d", __get_str(name),
		  __entry->id,
		  __entry->manual ? "notification" : "synchronization",
		  __entry->existed)
);

DECLARE_EVENT_CLASS(kevent_state_class,
	TP_PROTO(const struct kevent *ev, bool prev, unsigned int released),
	TP_ARGS(ev, prev, released),
	TP_STRUCT__entry(
		__string(name, kevent_trace_name(ev))
		__field(u32, id)
		__field(bool, prev)
		__field(unsigned int, released)
	),
	TP_fast_assign(
		kevent_assign_str(name, kevent_trace_name(ev));
		__entry->id = ev->object ? to_kevent_object(ev)->id : 0;
		__entry->prev = prev;
		__entry->released = released;
	),
	TP_printk("name=%s id=%u prev=%d released=%u", __get_str(name),
		  __entry->id, __entry->prev, __entry->released)
);

DEFINE_EVENT(kevent_state_class, kevent_set,
	TP_PROTO(const struct kevent *ev, bool prev, unsigned int released),
	TP_ARGS(ev, prev, released));
DEFINE_EVENT(kevent_state_class, kevent_reset,
	TP_PROTO(const struct kevent *ev, bool prev, unsigned int released),
	TP_ARGS(ev, prev, released));
DEFINE_EVENT(kevent_state_class, kevent_pulse,
	TP_PROTO(const struct kevent *ev, bool prev, unsigned int released),
	TP_ARGS(ev, prev, released));

TRACE_EVENT(kevent_wait_begin,
	TP_PROTO(u32 count, bool all, u64 timeout, bool absolute),
	TP_ARGS(count, all, timeout, absolute),
	TP_STRUCT__entry(
		__field(u32, count)
		__field(bool, all)
		__field(u64, timeout)
		__field(bool, absolute)
	),
	TP_fast_assign(
		__entry->count = count;
		__entry->all = all;
		__entry->timeout = timeout;
		__entry->absolute = absolute;
	),
	TP_printk("count=%u type=%s timeout=%llu absolute=%d", __entry->count,
		  __entry->all ? "all" : "any", __entry->timeout,
		  __entry->absolute)
);

TRACE_EVENT(kevent_wait_end,
	TP_PROTO(u32 count, bool all, int result, u32 index, u64 waited_ns),
	TP_ARGS(count, all, result, index, waited_ns),
	TP_STRUCT__entry(
		__field(u32, count)
		__field(bool, all)
		__field(int, result)
		__field(u32, index)
		__field(u64, waited_ns)
	),
	TP_fast_assign(
		__entry->count = count;
		__entry->all = all;
		__entry->result = result;
		__entry->index = index;
		__entry->waited_ns = waited_ns;
	),
	TP_printk("count=%u type=%s result=%d index=%u waited_ns=%llu",
		  __entry->count, __entry->all ? "all" : "any",
		  __entry->result, __entry->index, __entry->waited_ns)
);

/* Tell user-space decoders (trace-cmd, perf) the outcomes' values. */
TRACE_DEFINE_ENUM(KEVENT_HANDOFF_RAN);
TRACE_DEFINE_ENUM(KEVENT_HANDOFF_DECLINED);
TRACE_DEFINE_ENUM(KEVENT_HANDOFF_SKIPPED);
TRACE_DEFINE_ENUM(KEVENT_HANDOFF_AWAY);

TRACE_EVENT(kevent_handoff,
	TP_PROTO(const struct kevent_object *obj, pid_t pid,
		 enum kevent_handoff_outcome outcome),
	TP_ARGS(obj, pid, outcome),
	TP_STRUCT__entry(
		__string(name, obj ? obj->name : "")
		__field(u32, id)
		__field(pid_t, pid)
		__field(int, outcome)
	),
	TP_fast_assign(
		kevent_assign_str(name, obj ? obj->name : "");
		__entry->id = obj ? obj->id : 0;
		__entry->pid = pid;
		__entry->outcome = outcome;
	),
	TP_printk("name=%s id=%u pid=%d outcome=%s", __get_str(name),
		  __entry->id, __entry->pid,
		  __print_symbolic(__entry->outcome,
				   { KEVENT_HANDOFF_RAN, "ran" },
				   { KEVENT_HANDOFF_DECLINED, "declined" },
				   { KEVENT_HANDOFF_SKIPPED, "skipped" },
				   { KEVENT_HANDOFF_AWAY, "away" }))
);

#endif /* KEVENT_TRACE_H */

/* Outside the guard: <trace/define_trace.h> reads this file again. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE kevent_trace
#include <trace/define_trace.h>
