package dev.partnerbot.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Keeps the dependency direction of the modules true: core inside (the tailoring port included, free of HTTP
 * and of LangChain4j's providers), adapters (Slack, Teams, LLM) around it knowing nothing of each other, app
 * outside.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.partnerbot");

    static final ArchRule coreKnowsNoPlatformServerOrDatabase = noClasses()
            .that().resideInAPackage("dev.partnerbot.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.slack..", "com.microsoft.bot..", "org.eclipse.jetty..", "jakarta.servlet..",
                    "java.sql..", "javax.sql..", "okhttp3..", "java.net.http..", "org.flywaydb..", "com.zaxxer..",
                    "dev.partnerbot.slack..", "dev.partnerbot.teams..", "dev.partnerbot.app..", "dev.partnerbot.config..",
                    "dev.partnerbot.llm..", "dev.langchain4j.model.chat..", "dev.langchain4j.model.openai..",
                    "dev.langchain4j.model.ollama..", "dev.langchain4j.http..")
            .because("bot-core is platform-neutral: adapters translate, the core interprets and advises");

    static final ArchRule slackAdapterDoesNotKnowTeams = noClasses()
            .that().resideInAPackage("dev.partnerbot.slack..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.partnerbot.teams..", "com.microsoft.bot..",
                    "dev.partnerbot.app..", "dev.partnerbot.llm..");

    static final ArchRule teamsAdapterDoesNotKnowSlack = noClasses()
            .that().resideInAPackage("dev.partnerbot.teams..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.partnerbot.slack..", "com.slack..",
                    "dev.partnerbot.app..", "dev.partnerbot.llm..");

    static final ArchRule llmAdapterKnowsNoChatPlatform = noClasses()
            .that().resideInAPackage("dev.partnerbot.llm..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.partnerbot.slack..", "dev.partnerbot.teams..",
                    "dev.partnerbot.app..", "com.slack..", "com.microsoft.bot..");

    static final ArchRule configStandsAlone = noClasses()
            .that().resideInAPackage("dev.partnerbot.config..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.partnerbot.core..", "dev.partnerbot.slack..",
                    "dev.partnerbot.teams..", "dev.partnerbot.app..");

    @Test
    void coreDependsOnNoPlatformSdkHttpServerOrDatabase() {
        coreKnowsNoPlatformServerOrDatabase.check(CLASSES);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        slackAdapterDoesNotKnowTeams.check(CLASSES);
        teamsAdapterDoesNotKnowSlack.check(CLASSES);
        llmAdapterKnowsNoChatPlatform.check(CLASSES);
    }

    @Test
    void configDependsOnNoOtherModule() {
        configStandsAlone.check(CLASSES);
    }
}
