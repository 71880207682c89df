package dev.durable.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser (headless Chromium from Debian's packages, driven by Selenium) opens the link from
 * a real email, sees the request, clicks Approve, and watches the run complete.
 */
class BrowserApprovalTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("approvals@example.com", "bot", "s3cret"));

  @Test
  void approveFromTheEmailedLinkInHeadlessChromium() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)");
    EmailNotifier email = new EmailNotifier(new SmtpSettings("127.0.0.1", MAIL.getSmtps().getPort(), "bot",
        "s3cret", "approvals@example.com", SmtpSettings.Security.SMTPS, "*", Duration.ofSeconds(10)));
    Path profile = Files.createTempDirectory("chromium-profile");
    WebDriver browser = null;
    try (Stack stack = new Stack(EmailApprovalTest::request, email)) {
      String arn = stack.start("browser-1");
      assertThat(MAIL.waitForIncomingEmail(30_000, 1)).isTrue();
      String link = EmailApprovalTest.link(MAIL.getReceivedMessages()[0], "approve");

      browser = chromium(profile);
      browser.get(link);
      assertThat(browser.findElement(By.id("title")).getText()).isEqualTo("Refund order 42");
      assertThat(browser.findElement(By.id("approver")).getText()).isEqualTo("lead@example.com");
      assertThat(browser.findElement(By.id("payload")).getText()).contains("\"cents\":12000");
      assertThat(browser.findElement(By.id("details")).getText()).isEqualTo("Parcel lost <b>in transit</b>.");
      assertThat(stack.callback(arn).orElseThrow().status().isTerminal()).isFalse(); // opening decided nothing

      browser.findElement(By.id("comment")).sendKeys("Checked the carrier's report.");
      browser.findElement(By.id("approve")).click();
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      wait.until(d -> !d.findElements(By.id("outcome")).isEmpty());
      assertThat(browser.findElement(By.id("who")).getText()).startsWith("Approved by lead@example.com at ");

      // the same link now shows the outcome and the run's status; reload until the run is done
      WebDriver b = browser;
      wait.until(d -> {
        b.get(link);
        return d.findElements(By.id("run-status")).stream().anyMatch(e -> e.getText().equals("SUCCEEDED"));
      });
      assertThat(stack.runtime.await(arn, String.class, Duration.ofSeconds(5))).isEqualTo("DONE by lead@example.com");
    } finally {
      if (browser != null) {
        browser.quit();
      }
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  static WebDriver chromium(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
