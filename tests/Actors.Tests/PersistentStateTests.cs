using System.Text;
using CustomerSuccess.Actors.Persistence;
using CustomerSuccess.Actors.Runtime;
using CustomerSuccess.Actors.Tests.TestGrains;

namespace CustomerSuccess.Actors.Tests;

public sealed class PersistentStateTests
{
    private static readonly GrainType CounterType = new SiloBuilder()
        .AddGrain<ICounterGrain, CounterGrain>("counter", _ => throw new NotSupportedException())
        .Build().GrainTypes.Single();

    private static PersistentState<CounterState> State(IGrainStorage storage, string key) =>
        new(storage, new GrainId(CounterType, key), "counter");

    [Fact]
    public async Task A_new_state_has_no_record_and_no_etag()
    {
        var state = State(new MemoryGrainStorage(), "new");

        await state.ReadStateAsync();

        Assert.False(state.RecordExists);
        Assert.Null(state.Etag);
        Assert.Equal(0, state.State.Count);
    }

    [Fact]
    public async Task A_written_state_reads_back_with_its_etag()
    {
        var storage = new MemoryGrainStorage();
        var writer = State(storage, "k");
        writer.State.Count = 9;
        await writer.WriteStateAsync();

        var reader = State(storage, "k");
        await reader.ReadStateAsync();

        Assert.True(reader.RecordExists);
        Assert.Equal(writer.Etag, reader.Etag);
        Assert.Equal(9, reader.State.Count);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_throws_InconsistentStateException()
    {
        var storage = new MemoryGrainStorage();
        var first = State(storage, "k");
        var second = State(storage, "k");
        await first.ReadStateAsync();
        await second.ReadStateAsync();
        await first.WriteStateAsync();

        second.State.Count = 1;
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => second.WriteStateAsync());

        Assert.Equal(first.Etag, error.StoredEtag);
        Assert.Null(error.CurrentEtag);
    }

    [Fact]
    public async Task Clearing_removes_the_record_and_resets_the_state()
    {
        var storage = new MemoryGrainStorage();
        var state = State(storage, "k");
        state.State.Count = 3;
        await state.WriteStateAsync();

        await state.ClearStateAsync();

        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State.Count);
        Assert.Null(await storage.ReadAsync(new GrainStateKey("counter", "k", "counter"), default));
    }

    [Fact]
    public async Task Json_with_added_and_removed_fields_still_reads()
    {
        var storage = new MemoryGrainStorage();
        // Written by a "newer" version (an extra field) that also lacks a field this version has.
        var json = Encoding.UTF8.GetBytes("""{"count":12,"addedInAFutureVersion":{"x":[1,2]}}""");
        await storage.WriteAsync(new GrainStateKey("counter", "k", "counter"), json, null, default);

        var state = State(storage, "k");
        await state.ReadStateAsync();

        Assert.Equal(12, state.State.Count);
        Assert.Null(state.State.LastNote);
    }

    [Fact]
    public async Task A_state_given_json_metadata_writes_and_reads_through_it()
    {
        // Metadata with snake_case names stands for a source-generated context: the stored JSON shows
        // which metadata wrote it.
        var options = new System.Text.Json.JsonSerializerOptions(GrainStateSerializer.Options)
        {
            PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        var typeInfo = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<CounterState>)options.GetTypeInfo(typeof(CounterState));
        var storage = new MemoryGrainStorage();
        var writer = new PersistentState<CounterState>(storage, new GrainId(CounterType, "k"), "counter", typeInfo);
        writer.State.Count = 4;
        writer.State.LastNote = "n";

        await writer.WriteStateAsync();

        var stored = await storage.ReadAsync(new GrainStateKey("counter", "k", "counter"), default);
        Assert.Equal("""{"count":4,"last_note":"n"}""", Encoding.UTF8.GetString(stored!.Json));
        var reader = new PersistentState<CounterState>(storage, new GrainId(CounterType, "k"), "counter", typeInfo);
        await reader.ReadStateAsync();
        Assert.Equal(4, reader.State.Count);
        Assert.Equal("n", reader.State.LastNote);
    }
}
