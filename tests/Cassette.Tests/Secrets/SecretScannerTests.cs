using Cassette.Tests.Support;

namespace Cassette.Tests.Secrets;

public sealed class SecretScannerTests
{
    [Theory]
    [InlineData("AKIAXXXXXXXXXXXXXXXX")]
    [InlineData("AKIA****************")]
    [InlineData("sk-XXXXXXXXXXXXXXXXXXXXXXXX")]
    [InlineData("sk-proj-xxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("sk-ant-api03-XXXXXXXXXXXXXXXXXXXXXXXX")]
    [InlineData("sk-or-v1-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")]
    [InlineData("xai-XXXXXXXXXXXXXXXXXXXXXXXX")]
    [InlineData("gsk_xxxxxxxxxxxxxxxxxxxxxxxx")]
    public void Scan_PlaceholderAfterAKnownKeyPrefix_IsNotReported(string placeholder)
    {
        var interaction = WithKeyEverywhere(placeholder);

        Assert.Empty(SecretScanner.Scan(interaction));
    }

    [Theory]
    [InlineData("AKIAIOSFODNN7REALKEY", "AKIA…")]
    [InlineData("AKIAXXXXXXXXXXXX1234", "AKIA…")]
    [InlineData("sk-proj-0123456789abcdefghijklmn", "sk-p…")]
    [InlineData("sk-ant-api03-XXXXXXXXXXXXXXXXXXXXXXX9", "sk-a…")]
    [InlineData("AIzaSyA0123456789abcdefghijklmnopqrstuv", "AIza…")]
    [InlineData("gsk_0123456789abcdefghijABCD", "gsk_…")]
    public void Scan_RealLookingKeyAfterTheSamePrefix_IsStillReported(string key, string shown)
    {
        var interaction = WithKeyEverywhere(key);

        var findings = SecretScanner.Scan(interaction).ToList();

        Assert.Equal(["request header \"X-Api-Key\"", "form value \"note\"", "the request body", "the response body"], findings.Select(f => f.Where));
        Assert.All(findings, f => Assert.Equal(shown, f.Shown));
    }

    [Fact]
    public void Scan_BearerPlaceholderAfterAKeyPrefix_IsNotReported()
    {
        var interaction = TestInteractions.Post("{}", "{}");
        interaction = interaction with
        {
            Request = interaction.Request with { Headers = TestInteractions.Headers(("Authorization", "Bearer sk-proj-XXXXXXXXXXXXXXXXXXXXXXXX")) },
        };

        Assert.Empty(SecretScanner.Scan(interaction));
    }

    private static Interaction WithKeyEverywhere(string key)
    {
        var interaction = TestInteractions.Post($"{{\"aws_access_key_id\":\"{key}\"}}", $"{{\"echo\":\"{key}\"}}");
        return interaction with
        {
            Request = interaction.Request with
            {
                Headers = TestInteractions.Headers(("Content-Type", "application/json"), ("X-Api-Key", key)),
                Form = new Dictionary<string, IReadOnlyList<string>> { ["note"] = [$"key {key} here"] },
            },
        };
    }
}
