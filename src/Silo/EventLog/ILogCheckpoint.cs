namespace CustomerSuccess.Silo.EventLog;

/// <summary>Where the applied watermark is kept between runs.</summary>
public interface ILogCheckpoint
{
    Task<long> ReadAsync(CancellationToken cancellationToken);

    Task WriteAsync(long appliedPosition, CancellationToken cancellationToken);
}
