package dev.envops.operator.fakes;

import dev.envops.operator.planetscale.DeployRequest;
import dev.envops.operator.planetscale.DeployRequest.QueuedDeployment;
import dev.envops.operator.planetscale.DeployRequests;
import dev.envops.operator.planetscale.PlanetScaleApi;
import dev.envops.operator.planetscale.PlanetScaleException;
import dev.envops.operator.planetscale.ServiceToken;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * In-memory deploy requests of one database: {@link #put} a request in any state, and each action
 * moves it the way PlanetScale would at once (deploy: queued; close: closed; ...). Calls are
 * recorded in {@link #calls()}; {@link #failNext} makes one call answer an error.
 */
public final class FakeDeployRequests implements DeployRequests {

  private final Map<Long, DeployRequest> requests = new LinkedHashMap<>();
  private final Map<PlanetScaleApi, PlanetScaleException> failures =
      new EnumMap<>(PlanetScaleApi.class);
  private final List<QueuedDeployment> queue = new ArrayList<>();
  private final List<String> calls = new ArrayList<>();
  private long nextNumber = 1;

  /** A request {@code dev -> main} in {@code deploymentState}, open, approved and deployable. */
  public static Builder request(long number, String deploymentState) {
    return new Builder(number, deploymentState);
  }

  /** Stores (or replaces) a request. */
  public FakeDeployRequests put(DeployRequest request) {
    requests.put(request.number(), request);
    nextNumber = Math.max(nextNumber, request.number() + 1);
    return this;
  }

  /** Stores a request built by {@link #request}. */
  public FakeDeployRequests put(Builder request) {
    return put(request.build());
  }

  /** The database's deploy queue answers these. */
  public FakeDeployRequests queue(QueuedDeployment... deployments) {
    queue.clear();
    queue.addAll(List.of(deployments));
    return this;
  }

  /** The next call of {@code api} answers {@code status code: message} instead. */
  public FakeDeployRequests failNext(PlanetScaleApi api, int status, String code, String message) {
    failures.put(api, new PlanetScaleException(api, status, code, message));
    return this;
  }

  /** The request as it is now. */
  public DeployRequest get(long number) {
    return requests.get(number);
  }

  /** Calls made, in order: "listAll", "create", "get #1", "deploy #1", ... */
  public List<String> calls() {
    return calls;
  }

  @Override
  public List<DeployRequest> listAll(
      ServiceToken token, String org, String database, String branch, String intoBranch) {
    call(PlanetScaleApi.LIST_DEPLOY_REQUESTS, "listAll");
    return requests.values().stream()
        .filter(r -> branch.equals(r.branch()) && intoBranch.equals(r.intoBranch()))
        .sorted((a, b) -> Long.compare(b.number(), a.number()))
        .toList();
  }

  @Override
  public List<QueuedDeployment> deployQueue(ServiceToken token, String org, String database) {
    call(PlanetScaleApi.GET_DEPLOY_QUEUE, "deployQueue");
    return List.copyOf(queue);
  }

  @Override
  public DeployRequest create(
      ServiceToken token,
      String org,
      String database,
      String branch,
      String intoBranch,
      String notes) {
    call(PlanetScaleApi.CREATE_DEPLOY_REQUEST, "create");
    DeployRequest created =
        new Builder(nextNumber, "pending").branches(branch, intoBranch).notes(notes).build();
    put(created);
    return created;
  }

  @Override
  public DeployRequest get(ServiceToken token, String org, String database, long number) {
    call(PlanetScaleApi.GET_DEPLOY_REQUEST, "get #" + number);
    return existing(PlanetScaleApi.GET_DEPLOY_REQUEST, number);
  }

  @Override
  public DeployRequest deploy(ServiceToken token, String org, String database, long number) {
    return move(PlanetScaleApi.DEPLOY, "deploy", number, "open", "queued");
  }

  @Override
  public DeployRequest applyDeploy(ServiceToken token, String org, String database, long number) {
    return move(PlanetScaleApi.APPLY_DEPLOY, "applyDeploy", number, "open", "in_progress_cutover");
  }

  @Override
  public DeployRequest skipRevert(ServiceToken token, String org, String database, long number) {
    return move(PlanetScaleApi.SKIP_REVERT, "skipRevert", number, "closed", "complete");
  }

  @Override
  public DeployRequest revert(ServiceToken token, String org, String database, long number) {
    return move(PlanetScaleApi.REVERT, "revert", number, "open", "in_progress_revert");
  }

  @Override
  public DeployRequest completeDeploy(
      ServiceToken token, String org, String database, long number) {
    DeployRequest r = existing(PlanetScaleApi.COMPLETE_DEPLOY, number);
    return move(PlanetScaleApi.COMPLETE_DEPLOY, "completeDeploy", number, r.state(), "complete");
  }

  @Override
  public DeployRequest close(ServiceToken token, String org, String database, long number) {
    DeployRequest r = existing(PlanetScaleApi.CLOSE_DEPLOY_REQUEST, number);
    return move(
        PlanetScaleApi.CLOSE_DEPLOY_REQUEST, "close", number, "closed", r.deploymentState());
  }

  @Override
  public void approve(
      ServiceToken token, String org, String database, long number, String comment) {
    call(PlanetScaleApi.REVIEW, "approve #" + number);
    put(Builder.from(existing(PlanetScaleApi.REVIEW, number)).approved(true).build());
  }

  private DeployRequest move(
      PlanetScaleApi api, String name, long number, String state, String deploymentState) {
    call(api, name + " #" + number);
    DeployRequest moved =
        Builder.from(existing(api, number)).state(state).deploymentState(deploymentState).build();
    put(moved);
    return moved;
  }

  private void call(PlanetScaleApi api, String call) {
    calls.add(call);
    PlanetScaleException failure = failures.remove(api);
    if (failure != null) {
      throw failure;
    }
  }

  private DeployRequest existing(PlanetScaleApi api, long number) {
    DeployRequest r = requests.get(number);
    if (r == null) {
      throw new PlanetScaleException(api, 404, "not_found", "Not Found");
    }
    return r;
  }

  /** A deploy request to put in the fake, with defaults for what a test does not care about. */
  public static final class Builder {
    private final long number;
    private String branch = "dev";
    private String intoBranch = "main";
    private String state = "open";
    private String deploymentState;
    private boolean approved = true;
    private boolean deployable = true;
    private List<String> lintErrors = List.of();
    private String notes = "";
    private String deployedAt;
    private boolean autoCutover = true;
    private List<QueuedDeployment> preceding = List.of();
    private List<DeployRequest.DeployOperation> operations = List.of();

    private Builder(long number, String deploymentState) {
      this.number = number;
      this.deploymentState = deploymentState;
    }

    static Builder from(DeployRequest r) {
      Builder b = new Builder(r.number(), r.deploymentState());
      b.branch = r.branch();
      b.intoBranch = r.intoBranch();
      b.state = r.state();
      b.approved = r.approved();
      b.deployable = r.deployable();
      b.lintErrors = r.lintErrors();
      b.notes = r.notes();
      b.deployedAt = r.deployedAt();
      b.autoCutover = r.autoCutover();
      b.preceding = r.preceding();
      b.operations = r.operations();
      return b;
    }

    public Builder branches(String branch, String intoBranch) {
      this.branch = branch;
      this.intoBranch = intoBranch;
      return this;
    }

    public Builder state(String state) {
      this.state = state;
      return this;
    }

    public Builder deploymentState(String deploymentState) {
      this.deploymentState = deploymentState;
      return this;
    }

    public Builder approved(boolean approved) {
      this.approved = approved;
      return this;
    }

    public Builder lintErrors(String... errors) {
      this.lintErrors = List.of(errors);
      this.deployable = errors.length == 0;
      return this;
    }

    public Builder notes(String notes) {
      this.notes = notes;
      return this;
    }

    public Builder deployedAt(String deployedAt) {
      this.deployedAt = deployedAt;
      return this;
    }

    public Builder preceding(QueuedDeployment... preceding) {
      this.preceding = List.of(preceding);
      return this;
    }

    public Builder operations(DeployRequest.DeployOperation... operations) {
      this.operations = List.of(operations);
      return this;
    }

    public DeployRequest build() {
      return new DeployRequest(
          number,
          branch,
          intoBranch,
          state,
          deploymentState,
          approved,
          deployable,
          lintErrors,
          "https://app.planetscale.com/acme/bookings/deploy-requests/" + number,
          notes,
          deployedAt,
          autoCutover,
          preceding,
          operations);
    }
  }
}
