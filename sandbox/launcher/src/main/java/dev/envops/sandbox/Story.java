package dev.envops.sandbox;

import dev.envops.operator.environment.DeployRequestStatus;
import dev.envops.operator.environment.Environment;
import dev.envops.sandbox.planetscale.DeployRequestView;

/**
 * The seed's story, played against the sandbox: a developer adds {@code hotels.description} on the
 * {@code dev} branch; CI releases the image that reads it to QA (which reads {@code dev}: no deploy
 * request) and then to prod, where the operator first promotes the schema with a deploy request
 * {@code dev -> main} and only then rolls out. Each step checks what a user would check.
 */
public final class Story {

  /** The schema change of the story (the bookings-api's own migration 003). */
  public static final String ADD_DESCRIPTION = "ALTER TABLE hotels ADD description VARCHAR(400)";

  /** The image CI builds from the commit that adds the description. */
  public static final String DESCRIPTION_TAG = "4c8d1e7";

  private final Sandbox sandbox;
  private final Progress progress;
  private final Ci ci;
  private final EnvironmentWatch watch;
  private final HotelsClient hotels = new HotelsClient();

  public Story(Sandbox sandbox, Progress progress) {
    this.sandbox = sandbox;
    this.progress = progress;
    this.ci = new Ci(sandbox.aws().ecr(), sandbox.client(), PlatformSetup.NAMESPACE, progress);
    this.watch =
        new EnvironmentWatch(
            sandbox.client(), PlatformSetup.NAMESPACE, progress, sandbox.timings().storyStep());
  }

  public Ci ci() {
    return ci;
  }

  public EnvironmentWatch watch() {
    return watch;
  }

  public HotelsClient hotels() {
    return hotels;
  }

  /** Plays every step; throws {@link StoryFailure} at the first one that goes wrong. */
  public StoryResult play() {
    setUp();
    developerChangesDev();
    double qaBump = progress.elapsedSeconds();
    releaseToQa(DESCRIPTION_TAG);
    double qaReady = progress.elapsedSeconds();
    double prodBump = progress.elapsedSeconds();
    Environment prod = releaseToProd(DESCRIPTION_TAG);
    double prodReady = progress.elapsedSeconds();
    return new StoryResult(
        qaReady,
        prodReady,
        qaReady - qaBump,
        prodReady - prodBump,
        prod.getStatus().getDeployRequest().getNumber());
  }

  /**
   * CI releases {@code tag} to QA, which reads {@code dev} directly: Ready without a deploy
   * request, and a hotel written with a Description reads back with it.
   */
  public Environment releaseToQa(String tag) {
    Environment qa = release(ExampleManifests.QA, tag, "qa");
    if (qa.getStatus().getDeployRequest() != null) {
      throw new StoryFailure("bookings-qa opened a deploy request, but QA reads dev directly");
    }
    showsDescription(qa, "Pink, with a funicular");
    return qa;
  }

  /**
   * CI releases {@code tag} to prod: the operator promotes dev's schema to main with a deploy
   * request before it rolls out, so a Description written on prod reads back.
   */
  public Environment releaseToProd(String tag) {
    Environment prod = release(ExampleManifests.PROD, tag, "main");
    promotedSchema(prod);
    showsDescription(prod, "Bourbon on every floor");
    return prod;
  }

  /** CI's first image, the Secrets and both examples applied, both Ready with that image. */
  public void setUp() {
    String initialTag =
        ExampleManifests.environment(ExampleManifests.QA).getSpec().getImage().getTag();
    ci.push(initialTag);
    PlatformSetup.applySecrets(sandbox, progress);
    // One after the other: the operator's ECR pull grants for two new services of one
    // repository can overwrite each other (EcrPullAccess reads, edits and writes the policy).
    PlatformSetup.applyExample(sandbox, ExampleManifests.QA, progress);
    Environment qa = watch.awaitReady(ExampleManifests.QA, initialTag);
    progress.step("bookings-qa Ready with " + initialTag + " at " + url(qa));
    PlatformSetup.applyExample(sandbox, ExampleManifests.PROD, progress);
    Environment prod = watch.awaitReady(ExampleManifests.PROD, initialTag);
    progress.step("bookings-prod Ready with " + initialTag + " at " + url(prod));
  }

  /** The developer's schema change on {@code dev}; {@code main} does not have it yet. */
  public void developerChangesDev() {
    sandbox.database().execute(BookingsDatabase.DEV, ADD_DESCRIPTION);
    progress.step("developer: " + ADD_DESCRIPTION + " on branch dev (main unchanged)");
  }

  /** CI pushes {@code tag} (if new) and bumps {@code environment}; waits until it is Ready. */
  public Environment release(String environment, String tag, String gitRef) {
    if (sandbox.aws().ecr().digestOf(Sandbox.REPOSITORY, tag).isEmpty()) {
      ci.push(tag);
    }
    ci.bump(environment, tag, gitRef);
    Environment ready = watch.awaitReady(environment, tag);
    progress.step(environment + " Ready with " + tag + " at " + url(ready));
    return ready;
  }

  /** The service URL in the Environment's status. */
  public static String url(Environment env) {
    if (env.getStatus() == null
        || env.getStatus().getLightsail() == null
        || env.getStatus().getLightsail().getUrl() == null) {
      throw new StoryFailure(env.getMetadata().getName() + " has no URL in its status");
    }
    return env.getStatus().getLightsail().getUrl();
  }

  private long promotedSchema(Environment prod) {
    DeployRequestStatus recorded = prod.getStatus().getDeployRequest();
    if (recorded == null || recorded.getNumber() == null) {
      throw new StoryFailure(
          "bookings-prod rolled out without a deploy request dev -> main: this operator build"
              + " does not promote schemas (DESIGN step 5)");
    }
    DeployRequestView request =
        sandbox
            .planetScale()
            .deployRequest(
                BookingsDatabase.ORGANIZATION, BookingsDatabase.DATABASE, recorded.getNumber());
    if (!sandbox.database().columns(BookingsDatabase.MAIN, "hotels").contains("description")) {
      throw new StoryFailure(
          "bookings-prod is Ready but main has no hotels.description; deploy request #"
              + request.number()
              + " is "
              + request.deploymentState().wireName());
    }
    progress.step(
        "deploy request #"
            + request.number()
            + " "
            + request.branch()
            + " -> "
            + request.intoBranch()
            + " "
            + request.deploymentState().wireName()
            + ": "
            + String.join("; ", request.ddlStatements()));
    return request.number();
  }

  /** Posts a hotel (named after the environment and tag) with a Description; reads it back. */
  private void showsDescription(Environment env, String description) {
    String url = url(env);
    String environment = env.getMetadata().getName();
    String name = "Hotel " + environment + " " + env.getSpec().getImage().getTag();
    long id = hotels.add(url, name, "1 Sandbox Way", 8.5, description);
    String listed = hotels.description(url, id);
    if (!description.equals(listed)) {
      throw new StoryFailure(
          environment
              + ": GET /hotels lists hotel "
              + id
              + " with Description "
              + listed
              + " instead of \""
              + description
              + "\"");
    }
    progress.step(
        environment
            + ": GET "
            + HotelsClient.hotelsUri(url)
            + " shows Description \""
            + listed
            + "\"");
  }
}
