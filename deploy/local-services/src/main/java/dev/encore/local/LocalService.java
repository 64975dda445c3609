package dev.encore.local;

/** A service of the local stack running as a child process; closing it stops the process. */
public abstract class LocalService implements AutoCloseable {
    private final ManagedProcess process;

    protected LocalService(ManagedProcess process) {
        this.process = process;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
