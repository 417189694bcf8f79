package dev.vigil.testkit.lab;

/**
 * What a command run inside a lab namespace did. A command that ran past its timeout was killed and reports exit
 * code {@value #TIMED_OUT}, like {@code timeout(1)}.
 */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public static final int TIMED_OUT = 124;

    public boolean ok() {
        return exitCode == 0;
    }

    /** stdout and stderr together, for assertion messages. */
    public String output() {
        return stdout + stderr;
    }
}
