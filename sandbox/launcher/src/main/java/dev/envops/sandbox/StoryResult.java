package dev.envops.sandbox;

/**
 * How the story went.
 *
 * @param qaReadyAt seconds from the launcher's start until QA served the description release
 * @param prodReadyAt seconds from the launcher's start until prod served it
 * @param qaBumpToReady seconds from QA's tag bump to Ready
 * @param prodBumpToReady seconds from prod's tag bump to Ready (includes the deploy request)
 * @param deployRequest the number of the deploy request that promoted the schema to main
 */
public record StoryResult(
    double qaReadyAt,
    double prodReadyAt,
    double qaBumpToReady,
    double prodBumpToReady,
    long deployRequest) {}
