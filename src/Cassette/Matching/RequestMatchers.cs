namespace Cassette;

/// <summary>
/// The built-in request matchers, to compose <see cref="ReplayOptions.Matchers"/> from. The
/// default list is <c>[RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body()]</c>;
/// replace it to relax or tighten matching, for example
/// <c>Matchers = [RequestMatchers.Method(), RequestMatchers.Url(), RequestMatchers.Body("$.metadata.request_id")]</c>.
/// </summary>
public static class RequestMatchers
{
    private static readonly IRequestMatcher s_method = MethodMatcher.Instance;

    /// <summary>Compares HTTP methods, ignoring case.</summary>
    public static IRequestMatcher Method() => s_method;

    /// <summary>
    /// Compares absolute URLs as values: scheme and host ignore case, a default port equals no
    /// port, percent-escapes equal the characters they stand for, and query parameters compare in
    /// any order.
    /// </summary>
    /// <param name="ignoredQueryParameters">Names of query parameters left out of the comparison (case-sensitive, as in URLs), such as an API <c>key</c>.</param>
    public static IRequestMatcher Url(params string[] ignoredQueryParameters)
    {
        ArgumentNullException.ThrowIfNull(ignoredQueryParameters);
        if (ignoredQueryParameters.Any(p => p is null))
        {
            throw new ArgumentException("A query parameter name is null.", nameof(ignoredQueryParameters));
        }

        return new UrlMatcher(ignoredQueryParameters);
    }

    /// <summary>
    /// Compares bodies: JSON bodies match when they are the same JSON value (key order, whitespace
    /// and number spelling do not matter, array order does); other bodies when their bytes are
    /// equal after CRLF becomes LF. Two <c>multipart/*</c> bodies (file and audio uploads) match
    /// whatever their random boundaries, when they have the same parts in the same order: the same
    /// name, file name and content type, and content that matches as a body does.
    /// </summary>
    /// <param name="ignoredJsonPaths">
    /// JSON paths of values left out of the comparison, such as <c>$.stream_options</c>,
    /// <c>$.messages[0].content</c>, <c>$.items[*].id</c>, <c>$['user id']</c> or
    /// <c>$..obfuscation</c> (any depth), also applied to each JSON part of a multipart body. A value missing from one body and present in the other
    /// then matches too. A <c>#</c> step goes into a string that holds a JSON object or array:
    /// <c>$.messages[*].content#.CallId</c> compares each message's content as JSON without its
    /// <c>CallId</c>, and compares a content that is not such JSON as the string it is. Write a
    /// name that holds <c>#</c> quoted: <c>$['a#b']</c>.
    /// </param>
    /// <exception cref="ArgumentException">A path is not a JSON path Cassette supports.</exception>
    public static IRequestMatcher Body(params string[] ignoredJsonPaths)
    {
        ArgumentNullException.ThrowIfNull(ignoredJsonPaths);
        return new BodyMatcher(ignoredJsonPaths.Select(JsonPathPattern.Parse));
    }

    /// <summary>Compares the values of one request header, its name ignoring case; a missing header equals one with no values.</summary>
    /// <param name="name">The header's name, such as <c>X-Tenant</c>.</param>
    public static IRequestMatcher Header(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new HeaderMatcher(name);
    }

    /// <summary>A matcher of your own, as a function of the live request and a recorded one.</summary>
    /// <param name="description">What it compares, as the mismatch report should name it, for example <c>tenant id</c>.</param>
    /// <param name="matches">Whether the live request (first) matches the recorded one (second); called from several threads at once.</param>
    public static IRequestMatcher Custom(string description, Func<RecordedRequest, RecordedRequest, bool> matches)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(matches);
        return new CustomMatcher(description, matches);
    }
}
