package io.tandem.localstack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** What the OS says about a process, read from /proc where there is one. */
public final class OsProcesses {

    private OsProcesses() {
    }

    /** True while the process exists and is not a zombie waiting to be reaped. */
    public static boolean isRunning(long pid) {
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the state follows the parenthesised command name, which may itself contain spaces
            String afterName = stat.substring(stat.lastIndexOf(')') + 2);
            return afterName.charAt(0) != 'Z';
        } catch (IOException | RuntimeException e) {
            return alive;
        }
    }

    /** Peak resident set size (VmHWM) of a live process, in bytes. */
    public static OptionalLong peakRssBytes(long pid) {
        return statusKilobytes(pid, "VmHWM:");
    }

    /** Current resident set size (VmRSS) of a live process, in bytes. */
    public static OptionalLong rssBytes(long pid) {
        return statusKilobytes(pid, "VmRSS:");
    }

    /**
     * CPU time (user + system) a live process has used so far, in milliseconds, from /proc/PID/stat; ticks are taken
     * as 1/100 s, the USER_HZ of Linux on every common architecture.
     */
    public static OptionalLong cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the name: state(0) ppid ... utime is field 14 of the line, i.e. index 11 here, stime index 12
            return OptionalLong.of((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Waits until these processes together use less than {@code quietMillisPerSecond} of CPU in one second, or
     * {@code maxSeconds} have passed: work a process goes on doing after its last request (an engine's merges and
     * flushes) is then not charged to whatever is measured next. A process without /proc counts as quiet.
     *
     * @return whether they became quiet
     */
    public static boolean awaitQuiet(List<Long> pids, long quietMillisPerSecond, int maxSeconds) throws InterruptedException {
        long last = totalCpuMillis(pids);
        for (int i = 0; i < maxSeconds; i++) {
            Thread.sleep(1000);
            long now = totalCpuMillis(pids);
            if (now - last < quietMillisPerSecond) {
                return true;
            }
            last = now;
        }
        return false;
    }

    private static long totalCpuMillis(List<Long> pids) {
        return pids.stream().mapToLong(pid -> cpuMillis(pid).orElse(0)).sum();
    }

    private static OptionalLong statusKilobytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    String kb = line.substring(field.length()).trim().split("\\s+")[0];
                    return OptionalLong.of(Long.parseLong(kb) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux) or the process is gone
        }
        return OptionalLong.empty();
    }
}
