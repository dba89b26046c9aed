namespace Cassette.Tests.Recording;

public sealed class RecordingOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new RecordingOptions();

        Assert.Equal(
            ["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "Api-Key", "X-Goog-Api-Key",
                "Ocp-Apim-Subscription-Key", "X-Auth-Token", "X-Amz-Security-Token", "Anthropic-Api-Key"],
            RecordingOptions.CredentialHeaders);
        Assert.True(options.RemovedHeaders.SetEquals(RecordingOptions.CredentialHeaders));
        Assert.Contains("authorization", options.RemovedHeaders);
        Assert.Contains("x-goog-api-key", options.RemovedHeaders);
        Assert.Empty(options.KeptHeaders);
        Assert.Empty(options.RedactedQueryParameters);
        Assert.Empty(options.RedactedJsonPaths);
        Assert.Null(options.BeforeRecord);
        Assert.Null(options.OnWarning);
        Assert.Equal(TimeSpan.FromSeconds(30), options.DrainTimeout);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Equal("REDACTED", RecordingOptions.Redacted);
    }

    [Fact]
    public void HeaderSets_IgnoreCase_QueryAndPathSetsDoNot()
    {
        var options = new RecordingOptions { KeptHeaders = { "Content-Type" }, RedactedQueryParameters = { "key" }, RedactedJsonPaths = { "$.user" } };

        Assert.Contains("content-type", options.KeptHeaders);
        Assert.Contains("AUTHORIZATION", options.RemovedHeaders);
        Assert.DoesNotContain("KEY", options.RedactedQueryParameters);
        Assert.DoesNotContain("$.USER", options.RedactedJsonPaths);
    }

    [Fact]
    public void Handler_OptionsChangedAfterCreation_KeepsTheSnapshot()
    {
        var options = new RecordingOptions();
        var cassette = new CassetteFile();
        using var handler = new RecordingHandler(cassette, new StubHandler(), options);

        options.RemovedHeaders.Clear();
        options.BeforeRecord = _ => null;
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://example.test/");
        request.Headers.Authorization = new("Bearer", "sk-secret");
        using var response = client.Send(request, TestContext.Current.CancellationToken);

        var recorded = Assert.Single(cassette.Interactions);
        Assert.False(recorded.Request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public void Handler_InvalidDrainTimeout_Throws()
    {
        var options = new RecordingOptions { DrainTimeout = TimeSpan.Zero };

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RecordingHandler(new CassetteFile(), options: options));
        Assert.Contains("DrainTimeout", e.Message, StringComparison.Ordinal);
    }

    private sealed class StubHandler : HttpMessageHandler
    {
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => new() { Content = new ByteArrayContent([]) };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }
}
