package dev.swarmledger.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.swarmledger.client.AccountSession;
import dev.swarmledger.protocol.anchors.AnchorRecord;
import dev.swarmledger.protocol.results.ResultSubmit;
import dev.swarmledger.protocol.results.RunSummary;
import dev.swarmledger.protocol.results.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's chromium through chromedriver, installed by .ci/run): a
 * node with signed results, the page's charts counting them, and a result verified while the page
 * is open appearing without a reload. Fails, never skips, when chromium is missing. Leaves a
 * screenshot at {@code target/dashboard.png} for a person to look at.
 */
class DashboardBrowserTest {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String CHART = "[data-track='" + SwarmNode.TRACK + "']";

  private SwarmNode swarm;
  private WebDriver browser;
  private List<AccountSession> verifiers;

  @BeforeEach
  void start() {
    assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").isExecutable();
    assertThat(CHROMIUM).as("chromium (apt-get install chromium)").isExecutable();
    swarm = new SwarmNode();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1500,1900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (swarm != null) {
      swarm.close();
    }
  }

  @Test
  void drawsTheLogsResultsAndShowsANewVerifiedResultWithoutReloading() throws Exception {
    verifiers =
        List.of(
            swarm.verifier(10, "vera", SwarmNode.CPU), swarm.verifier(11, "victor", SwarmNode.CPU));
    AccountSession alice = swarm.register(1, "alice");
    AccountSession bob = swarm.register(2, "bob");
    swarm.verified(alice, SwarmNode.source("a1"), SwarmNode.run(2.10, "a1"));
    swarm.verified(bob, SwarmNode.source("b1"), SwarmNode.run(2.00, "b1"));
    long refused = bob.submit(result("b2", 1.50)).index();
    for (AccountSession v : assigned(refused)) {
      v.submit(SwarmNode.attest(refused, Verdict.MISMATCH, 1.95, SwarmNode.sha("other")));
    }
    long waiting = alice.submit(result("a2", 2.05)).index();
    long anchored = swarm.node.log().size();
    swarm.operator.submit(
        new AnchorRecord(
            31337,
            "0x" + "ab".repeat(20),
            "0x" + "cd".repeat(32),
            12,
            anchored,
            swarm.node.log().rootAt(anchored)));

    browser.get(swarm.node.url() + "/");
    awaitAttribute(CHART, "data-points", "2");
    assertThat(attr(CHART, "data-bests")).isEqualTo("2");
    assertThat(browser.findElements(By.cssSelector("[data-track] canvas"))).isNotEmpty();
    assertThat(text("#stages")).contains("2\nverified").contains("1\nmismatch");
    assertThat(text("#inflight")).contains("mismatch").contains("vera").contains("victor");
    assertThat(text("#tracks"))
        .contains("alice")
        .contains("bob")
        .doesNotContain(alice.account().hex().substring(0, 8));
    assertThat(attr("#hist-claimed", "data-total")).isEqualTo("2");
    assertThat(text("#anchors")).contains("31337").contains("block 12");
    assertThat(Long.parseLong(attr("#checkpoint", "data-size"))).isPositive();

    // Marks this page load: a reload would lose it.
    ((JavascriptExecutor) browser).executeScript("window.sameLoad = true;");
    for (AccountSession v : assigned(waiting)) {
      v.submit(SwarmNode.exact(waiting, SwarmNode.run(2.05, "a2")));
    }
    swarm.verified(alice, SwarmNode.source("a3"), SwarmNode.run(1.90, "a3"));

    awaitAttribute(CHART, "data-points", "4");
    assertThat(attr(CHART, "data-bests")).isEqualTo("3");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.sameLoad === true;"))
        .isEqualTo(true);
    awaitAttribute("body", "data-log-size", Long.toString(swarm.node.log().size()));
    assertThat(text("#events")).contains("attestation.submit");

    browser.findElement(By.cssSelector("button[data-axis='index']")).click();
    awaitAttribute(CHART, "data-points", "4");
    assertThat(text("button.on")).isEqualTo("log index");
    browser.findElement(By.cssSelector("button[data-axis='time']")).click();

    Path shot = Path.of("target", "dashboard.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    assertThat(Files.size(shot)).isPositive();
  }

  private static ResultSubmit result(String tag, double valBpb) {
    RunSummary run = SwarmNode.run(valBpb, tag);
    return SwarmNode.result(OptionalLong.empty(), SwarmNode.source(tag), run);
  }

  /** The sessions of the verifiers assigned to {@code result}. */
  private List<AccountSession> assigned(long result) {
    var keys = swarm.node.log().read(s -> s.result(result).orElseThrow().assigned());
    return verifiers.stream().filter(v -> keys.contains(v.account())).toList();
  }

  private String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  /** An attribute of the element {@code css} finds now (each redraw replaces the charts). */
  private String attr(String css, String name) {
    return browser.findElement(By.cssSelector(css)).getAttribute(name);
  }

  private void awaitAttribute(String css, String name, String value) {
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> value.equals(attr(css, name)));
  }
}
