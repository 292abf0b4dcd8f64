package io.github.absgd.util;

/**
 * A setting of a run specification has a value it cannot take. {@link #setting()} is the setting's
 * name as the specification spells it in JSON (e.g. {@code batch-size}), {@link #problem()} what is
 * wrong with it; the message is the two together: "batch-size must be at least 1, got 0". Other
 * settings a message mentions are in backquotes ({@code `from`}), so an application can spell them
 * its own way (the command line writes {@code --from}).
 */
public class InvalidSettingException extends AbsgdException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String problem;

    public InvalidSettingException(String setting, String problem) {
        super(setting + " " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    public String setting() {
        return setting;
    }

    public String problem() {
        return problem;
    }

    /** Throws unless {@code condition} holds. */
    public static void require(boolean condition, String setting, String problem) {
        if (!condition) {
            throw new InvalidSettingException(setting, problem);
        }
    }
}
