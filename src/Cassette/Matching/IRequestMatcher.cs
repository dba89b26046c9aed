namespace Cassette;

/// <summary>
/// Decides whether a live request matches a recorded one. A replaying handler plays an
/// interaction only when every matcher it uses accepts the pair.
/// </summary>
/// <remarks>
/// The built-in matchers come from <see cref="RequestMatchers"/>; implement this interface, or
/// use <see cref="RequestMatchers.Custom"/>, for a matcher of your own. Implementations describe themselves in <see cref="object.ToString"/>: the text is shown in
/// mismatch reports next to whether the matcher passed or failed. They must be safe to call
/// from several threads at once.
/// </remarks>
public interface IRequestMatcher
{
    /// <summary>Whether <paramref name="request"/> matches <paramref name="recorded"/>.</summary>
    /// <param name="request">The live request, captured with its body buffered.</param>
    /// <param name="recorded">The request of a recorded interaction.</param>
    bool Matches(RecordedRequest request, RecordedRequest recorded);
}
