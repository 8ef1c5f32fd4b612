using System.Text.Json;
using CustomerSuccess.Api.Validation;

namespace CustomerSuccess.Api.Tests;

/// <summary>
/// The UTF-8 fast path for times must never decide differently from the string path: where it
/// accepts, the string path accepts the same instant; where they might differ, it declines.
/// </summary>
public class Rfc3339Tests
{
    [Theory]
    [InlineData("2026-05-01T10:00:00Z")]
    [InlineData("2026-05-01t10:00:00z")]
    [InlineData("2026-05-01T10:00:00z")]
    [InlineData("2026-05-01T10:00:00.1234567Z")]
    [InlineData("2026-05-01T10:00:00.12345678Z")]
    [InlineData("2026-05-01T10:00:00.123+02:00")]
    [InlineData("2026-05-01T10:00:00-05:30")]
    [InlineData("2026-05-01T10:00:00+0200")]
    [InlineData("2026-05-01T10:00+02:00")]
    [InlineData("2026-05-01T10:00Z")]
    [InlineData("2026-05-01 10:00:00Z")]
    [InlineData("2026-05-01T10:00:00")]
    [InlineData("2026-05-01T24:00:00Z")]
    [InlineData("2026-05-01T10:00:60Z")]
    [InlineData("2026-02-30T10:00:00Z")]
    [InlineData("2026-05-01T10:00:00+15:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("2026-05-01T10:00:00\\u005A")]
    [InlineData("not a time at all, but long enough")]
    public void The_fast_path_agrees_with_the_string_path(string text)
    {
        using var document = JsonDocument.Parse($"\"{text}\"");
        var value = document.RootElement;
        var byString = Rfc3339.TryParse(value.GetString()!, out var expected);
        if (Rfc3339.TryParseUtf8(value, out var fast))
        {
            Assert.True(byString);
            Assert.Equal(expected, fast);
            Assert.Equal(TimeSpan.Zero, fast.Offset);
        }
    }

    [Fact]
    public void The_fast_path_takes_the_common_shapes()
    {
        using var document = JsonDocument.Parse("""["2026-05-01T10:00:00Z", "2026-05-01T10:00:00.123+02:00"]""");
        Assert.All(document.RootElement.EnumerateArray(), value => Assert.True(Rfc3339.TryParseUtf8(value, out _)));
    }
}
