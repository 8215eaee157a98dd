package dev.envops.sandbox;

/** The story did not go as it should; the message says which step and why. */
public final class StoryFailure extends RuntimeException {

  public StoryFailure(String message) {
    super(message);
  }

  public StoryFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
