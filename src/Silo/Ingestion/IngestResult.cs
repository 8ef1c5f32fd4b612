namespace CustomerSuccess.Silo.Ingestion;

/// <summary>How many events of a batch were new and how many were duplicates.</summary>
public sealed record IngestResult(int Accepted, int Duplicates);
