using System.Text.RegularExpressions;
using Cassette.Tests.Support;

namespace Cassette.Cli.Tests.Issues;

/// <summary>
/// Issue 14: values a provider or SDK makes up on every call are masked by default, so that a
/// re-recording that differs only in them has no semantic changes.
/// </summary>
public sealed class DiffDefaultMaskTests
{
    private static readonly Dictionary<string, string> s_recorded = new(StringComparer.Ordinal)
    {
        ["X-Ms-Client-Request-Id"] = "2f9c1f0e-5a7b-4c3d-9e8f-0a1b2c3d4e5f",
        ["Apim-Request-Id"] = "b7e3c2a1-8d4f-4e6a-9b0c-1d2e3f4a5b6c",
        ["previous_response_id"] = "resp_68c1f0a2b3c4d5e6f7a8b9c0d1e2f3a4",
        ["Azureml-Model-Session"] = "d089-20240815073451",
        ["$.messages[*].content#.CallId"] = "4dbcdcec",
    };

    /// <summary>Each masked name, with the value a re-recording gives it.</summary>
    public static TheoryData<string, string> ReRecordedValues => new()
    {
        { "X-Ms-Client-Request-Id", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d" },
        { "Apim-Request-Id", "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f" },
        { "previous_response_id", "resp_68c1f7d9e0f1a2b3c4d5e6f7a8b9c0d1" },
        { "Azureml-Model-Session", "d112-20240816102233" },
        { "$.messages[*].content#.CallId", "9b0e71c2" },
    };

    [Theory]
    [MemberData(nameof(ReRecordedValues))]
    public void Diff_ReRecordingDifferingOnlyInMaskedValue_ReportsNoSemanticChanges(string name, string reRecorded)
    {
        var (exitCode, output, error) = DiffWithOneValueChanged(name, reRecorded);

        Assert.Equal("", error);
        Assert.Equal("No semantic changes in 1 cassette.\n", output);
        Assert.Equal(0, exitCode);
    }

    [Theory]
    [MemberData(nameof(ReRecordedValues))]
    public void Diff_MaskedValueUnmasked_ReportsTheValue(string name, string reRecorded)
    {
        var (exitCode, output, error) = DiffWithOneValueChanged(name, reRecorded, "--unmask", name);

        Assert.Equal("", error);
        Assert.Equal(1, exitCode);
        Assert.Contains(s_recorded[name], output, StringComparison.Ordinal);
        Assert.Contains(reRecorded, output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ReRecordedValues))]
    public void DiffHelp_ListsTheMaskedName(string name, string reRecorded)
    {
        _ = reRecorded;

        var (exitCode, output, _) = CliRunner.Run("diff", "--help");

        Assert.Equal(0, exitCode);
        // Help wraps the list of defaults at the console's width.
        Assert.Contains(name + ",", Regex.Replace(output, @"\s+", " "), StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output, string Error) DiffWithOneValueChanged(string name, string reRecorded, params string[] options)
    {
        using var temp = new TempDirectory();
        string oldPath = temp.PathOf("old.yaml");
        string newPath = temp.PathOf("new.yaml");
        File.WriteAllText(oldPath, AzureResponsesAndOllama(s_recorded));
        File.WriteAllText(newPath, AzureResponsesAndOllama(new Dictionary<string, string>(s_recorded) { [name] = reRecorded }));
        return CliRunner.Run(["diff", "--color", "never", .. options, oldPath, newPath]);
    }

    // An Azure OpenAI chat completion (the SDK's client request id, echoed back, API
    // Management's request id and the model session), a Responses API follow-up that names the
    // previous response, and OllamaSharp's tool result, which holds the CallId it made up.
    private static string AzureResponsesAndOllama(Dictionary<string, string> values)
    {
        string clientRequestId = values["X-Ms-Client-Request-Id"];
        string apimRequestId = values["Apim-Request-Id"];
        string modelSession = values["Azureml-Model-Session"];
        string previous = values["previous_response_id"];
        string toolResult = $$$"""{"model":"llama3.2","messages":[{"role":"user","content":"Weather in Paris?"},{"role":"tool","content":"{\"CallId\":\"{{{values["$.messages[*].content#.CallId"]}}}\",\"Result\":\"40 C\"}"}],"stream":false}""";
        string request = $$$"""{"input":"And in Paris?","model":"gpt-4.1","previous_response_id":"{{{previous}}}"}""";
        string response = $$$"""{"id":"resp_68c1f7da11223344556677889900aabb","object":"response","output":[{"content":[{"text":"18 C and sunny.","type":"output_text"}],"role":"assistant","type":"message"}],"previous_response_id":"{{{previous}}}","status":"completed"}""";
        return $$$"""
            ---
            version: 2
            interactions:
                - id: 0
                  request:
                    proto: HTTP/1.1
                    proto_major: 1
                    proto_minor: 1
                    content_length: 60
                    host: my-resource.openai.azure.com
                    body: '{"messages":[{"content":"Hi","role":"user"}],"max_tokens":5}'
                    headers:
                        Content-Type:
                            - application/json
                        X-Ms-Client-Request-Id:
                            - {{{clientRequestId}}}
                    url: https://my-resource.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21
                    method: POST
                  response:
                    proto: HTTP/2.0
                    proto_major: 2
                    proto_minor: 0
                    content_length: -1
                    body: '{"choices":[{"finish_reason":"stop","index":0,"message":{"content":"Hello!","role":"assistant"}}],"model":"gpt-4o-2024-11-20","object":"chat.completion"}'
                    headers:
                        Apim-Request-Id:
                            - {{{apimRequestId}}}
                        Azureml-Model-Session:
                            - {{{modelSession}}}
                        Content-Type:
                            - application/json
                        X-Ms-Client-Request-Id:
                            - {{{clientRequestId}}}
                    status: 200 OK
                    code: 200
                    duration: 412ms
                - id: 1
                  request:
                    proto: HTTP/1.1
                    proto_major: 1
                    proto_minor: 1
                    content_length: {{{request.Length}}}
                    host: api.openai.com
                    body: '{{{request}}}'
                    headers:
                        Content-Type:
                            - application/json
                    url: https://api.openai.com/v1/responses
                    method: POST
                  response:
                    proto: HTTP/2.0
                    proto_major: 2
                    proto_minor: 0
                    content_length: -1
                    body: '{{{response}}}'
                    headers:
                        Content-Type:
                            - application/json
                    status: 200 OK
                    code: 200
                    duration: 655ms
                - id: 2
                  request:
                    proto: HTTP/1.1
                    proto_major: 1
                    proto_minor: 1
                    content_length: {{{toolResult.Length}}}
                    host: localhost:11434
                    body: '{{{toolResult}}}'
                    headers:
                        Content-Type:
                            - application/json; charset=utf-8
                    url: http://localhost:11434/api/chat
                    method: POST
                  response:
                    proto: HTTP/1.1
                    proto_major: 1
                    proto_minor: 1
                    content_length: -1
                    body: '{"done":true,"done_reason":"stop","message":{"content":"It is 40 C in Paris.","role":"assistant"},"model":"llama3.2"}'
                    headers:
                        Content-Type:
                            - application/json; charset=utf-8
                    status: 200 OK
                    code: 200
                    duration: 231ms

            """;
    }
}
