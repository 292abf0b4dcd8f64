package io.github.absgd.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: cli → serve → train/eval → model/data/loss/optim → core. The library
 * (everything below the command line) uses no command-line, chart, progress-bar or logging-binding
 * library.
 */
class LayeringTest {

    private static final String[] LIBRARY = {
        "io.github.absgd", "io.github.absgd.core..", "io.github.absgd.util..", "io.github.absgd.model..", "io.github.absgd.data..",
        "io.github.absgd.loss..", "io.github.absgd.optim..", "io.github.absgd.train..", "io.github.absgd.eval..",
        "io.github.absgd.conformance..", "io.github.absgd.serve.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.absgd");
    }

    @Test
    void dependenciesPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Command line").definedBy("io.github.absgd.cli..", "io.github.absgd.report..", "io.github.absgd.bench..")
                .layer("Serving").definedBy("io.github.absgd.serve..")
                .layer("Training").definedBy("io.github.absgd", "io.github.absgd.train..", "io.github.absgd.eval..",
                        "io.github.absgd.conformance..")
                .layer("Components").definedBy("io.github.absgd.model..", "io.github.absgd.data..", "io.github.absgd.loss..",
                        "io.github.absgd.optim..")
                .layer("Core").definedBy("io.github.absgd.core..", "io.github.absgd.util..")
                .whereLayer("Command line").mayNotBeAccessedByAnyLayer()
                .whereLayer("Serving").mayOnlyBeAccessedByLayers("Command line")
                .whereLayer("Training").mayOnlyBeAccessedByLayers("Serving", "Command line")
                .whereLayer("Components").mayOnlyBeAccessedByLayers("Serving", "Training", "Command line")
                .whereLayer("Core").mayOnlyBeAccessedByLayers("Components", "Training", "Serving", "Command line")
                .check(classes);
    }

    @Test
    void reportsAndBenchmarksServeTheCommandsAndDoNotUseThem() {
        noClasses().that().resideInAnyPackage("io.github.absgd.report..", "io.github.absgd.bench..")
                .should().dependOnClassesThat().resideInAPackage("io.github.absgd.cli..")
                .check(classes);
    }

    @Test
    void theLibraryUsesNoCommandLineChartOrProgressLibrary() {
        noClasses().that().resideInAnyPackage(LIBRARY)
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.knowm..", "me.tongfei..", "org.jline..",
                        "org.slf4j.simple..", "org.junit..")
                .check(classes);
    }

    @Test
    void theAlgorithmDependsOnNothingButDjlAndJava() {
        noClasses().that().resideInAPackage("io.github.absgd.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.absgd.loss..", "io.github.absgd.optim..",
                        "io.github.absgd.model..", "io.github.absgd.data..", "io.github.absgd.train..")
                .check(classes);
    }

    /** Spark is the optional absgd-spark module's alone: neither the library's nor the command line's class path has it. */
    @Test
    void sparkIsNotOnTheLibrarysOrTheCommandLinesClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.spark.SparkContext"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.hadoop.fs.FileSystem"));
    }
}
