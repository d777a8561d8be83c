{
  "targets": [
    {
      "target_name": "trawl_prefilter",
      "sources": ["native/prefilter.cc"],
      "cflags_cc": ["-O3", "-std=c++17"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
