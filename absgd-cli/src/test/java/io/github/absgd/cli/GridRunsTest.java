package io.github.absgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GridRunsTest {

    private static GridRuns.Options jobs(int n) {
        GridRuns.Options options = new GridRuns.Options();
        options.jobs = n;
        return options;
    }

    @Test
    void automaticallyAsManyRunsAsTheCoresHoldAtMostTwo() {
        assertEquals(2, jobs(0).parallelRuns(10, 2, 0), "2 cores, runs sharing them: two at once");
        assertEquals(2, jobs(0).parallelRuns(10, 2, 1), "one thread each");
        assertEquals(1, jobs(0).parallelRuns(10, 2, 2), "--threads 2 fills 2 cores with one run");
        assertEquals(2, jobs(0).parallelRuns(10, 64, 0), "at most 2: more is not measured");
        assertEquals(1, jobs(0).parallelRuns(1, 2, 0), "a single run trains alone");
        assertEquals(1, jobs(0).parallelRuns(10, 1, 0), "one core");
    }

    @Test
    void anExplicitNumberIsTakenWithinTheCores() {
        assertEquals(2, jobs(2).parallelRuns(10, 2, 2));
        assertEquals(1, jobs(1).parallelRuns(10, 2, 0));
        UserError error = assertThrows(UserError.class, () -> jobs(3).parallelRuns(10, 2, 0));
        assertEquals("--jobs must be between 0 (automatic) and this machine's 2 cores, got 3", error.getMessage());
    }

    @Test
    void sparkWithoutItsModuleSaysHowToGetIt() {
        String[] result = CommandLineRun.run("compare", "--methods", "ce", "--dataset", "csv", "--train-file", "t.csv",
                "--test-file", "t.csv", "--spark", "local[2]");
        assertEquals("2", result[0]);
        assertEquals("absgd: --spark needs the absgd-spark module on the class path: build it with `mvn -DskipTests package`"
                + " (bin/absgd then adds absgd-spark/target/absgd-spark.jar)", result[2].strip());
    }

    @Test
    void sparkOptionsGoTogether() {
        String[] noMaster = CommandLineRun.run("compare", "--methods", "ce", "--dataset", "csv", "--train-file", "t.csv",
                "--test-file", "t.csv", "--spark-runs", "hdfs://nn/g");
        assertEquals("absgd: --spark-runs is where Spark tasks keep their runs: give --spark MASTER too", noMaster[2].strip());
        String[] jobs = CommandLineRun.run("sweep", "--methods", "ce", "--val-fraction", "0.1", "--dataset", "csv", "--train-file",
                "t.csv", "--test-file", "t.csv", "--spark", "local[2]", "--jobs", "2");
        assertEquals("2", jobs[0]);
        assertTrue(jobs[2].contains("--jobs sets the runs trained at once in this process"), jobs[2]);
    }
}
