package dev.swarmledger.trainer;

import dev.swarmledger.trainer.data.DataCache;
import dev.swarmledger.trainer.harness.Backend;
import dev.swarmledger.trainer.sandbox.Containment;
import dev.swarmledger.trainer.track.Track;
import dev.swarmledger.trainer.track.Tracks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A host's policy for running experiments: where data is cached, which tracks exist, which device
 * to use, and the limits a child process is killed at (a verifier sets these to contain hostile
 * jobs).
 *
 * @param wallTimeLimit the whole run's limit; empty means "2 × budget + 5 min" for seconds budgets
 *     and none for step budgets
 * @param memoryLimitBytes resident memory a child may use before it is killed (heap plus libtorch)
 * @param heapBytes the child JVM's {@code -Xmx}
 * @param containment how the operating system shuts children in; {@link Containment#NONE} only for
 *     development
 */
public record TrainerSettings(
    DataCache dataCache,
    List<Track> tracks,
    Backend.Preference device,
    Optional<Duration> wallTimeLimit,
    long memoryLimitBytes,
    long heapBytes,
    Containment containment) {

  public TrainerSettings {
    tracks = List.copyOf(tracks);
    java.util.Objects.requireNonNull(containment, "containment");
    if (memoryLimitBytes < heapBytes || heapBytes < (64L << 20)) {
      throw new IllegalArgumentException(
          "memory limit must exceed the heap, and the heap be >= 64 MiB");
    }
  }

  /**
   * The environment's data cache and mirror, the built-in tracks, automatic device, 8 GiB, 1 GiB
   * heap, and bubblewrap if this host can run it (else none: callers check {@link
   * Containment#isolates()} and refuse or warn).
   */
  public static TrainerSettings fromEnvironment(boolean showDownloadProgress) {
    return new TrainerSettings(
        DataCache.fromEnvironment(showDownloadProgress),
        Tracks.all(),
        Backend.Preference.AUTO,
        Optional.empty(),
        8L << 30,
        1L << 30,
        Containment.fromEnvironment());
  }

  public TrainerSettings withDataCache(DataCache cache) {
    return new TrainerSettings(
        cache, tracks, device, wallTimeLimit, memoryLimitBytes, heapBytes, containment);
  }

  /** These settings with {@code track} added (replacing a built-in track of the same id). */
  public TrainerSettings withTrack(Track track) {
    List<Track> all = new ArrayList<>();
    for (Track t : tracks) {
      if (!t.id().equals(track.id())) {
        all.add(t);
      }
    }
    all.add(track);
    return new TrainerSettings(
        dataCache, all, device, wallTimeLimit, memoryLimitBytes, heapBytes, containment);
  }

  public TrainerSettings withDevice(Backend.Preference preference) {
    return new TrainerSettings(
        dataCache, tracks, preference, wallTimeLimit, memoryLimitBytes, heapBytes, containment);
  }

  public TrainerSettings withWallTimeLimit(Duration limit) {
    return new TrainerSettings(
        dataCache, tracks, device, Optional.of(limit), memoryLimitBytes, heapBytes, containment);
  }

  public TrainerSettings withMemoryLimit(long limitBytes, long heap) {
    return new TrainerSettings(
        dataCache, tracks, device, wallTimeLimit, limitBytes, heap, containment);
  }

  /** These settings with children contained by {@code chosen}. */
  public TrainerSettings withContainment(Containment chosen) {
    return new TrainerSettings(
        dataCache, tracks, device, wallTimeLimit, memoryLimitBytes, heapBytes, chosen);
  }

  /**
   * The track named {@code id}.
   *
   * @throws TrainerException {@code UNKNOWN_TRACK} when these settings have none of that name
   */
  public Track requireTrack(String id) throws TrainerException {
    return track(id)
        .orElseThrow(
            () ->
                new TrainerException(
                    TrainerException.Reason.UNKNOWN_TRACK, "no track named " + id));
  }

  /**
   * Before any child starts, when CUDA is required: says exactly what this host lacks, not that
   * libtorch failed to load.
   *
   * @throws TrainerException {@code BACKEND_UNAVAILABLE} naming what is missing
   */
  public void requireCudaHostWhenAsked() throws TrainerException {
    if (device() == Backend.Preference.CUDA) {
      dev.swarmledger.trainer.cuda.CudaHost host =
          dev.swarmledger.trainer.cuda.CudaHostScanner.thisHost();
      if (!host.usable()) {
        throw new TrainerException(TrainerException.Reason.BACKEND_UNAVAILABLE, host.message());
      }
    }
  }

  public Optional<Track> track(String id) {
    return tracks.stream().filter(t -> t.id().equals(id)).findFirst();
  }
}
