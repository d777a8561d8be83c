// Native prefilter: finds every keyword (whole word) and anchor (anywhere) of a compiled term set
// in a JS string, in one pass over its UTF-16 code units. Same semantics as JsPrefilter in
// src/detect/prefilter.ts; the JS one is the fallback and the reference the tests compare with.
#include <node_api.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace {

inline uint16_t Fold(uint16_t c) {
  if (c >= 65 && c <= 90) return c + 32;
  if (c >= 0xc0 && c <= 0xde && c != 0xd7) return c + 32;
  if (c >= 0x100 && c <= 0x17f && (c & 1) == 0 && c != 0x130 && c != 0x138) return c + 1;
  return c;
}

inline bool IsWord(uint16_t c) {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return c >= 0xc0 && c != 0xd7 && c != 0xf7 && c < 0x2000;
}
inline bool IsLower(uint16_t c) { return c >= 97 && c <= 122; }
inline bool IsUpper(uint16_t c) { return c >= 65 && c <= 90; }

struct Trie {
  std::vector<int16_t> alpha = std::vector<int16_t>(65536, -1);
  int k = 1;
  std::vector<int32_t> next;
  std::vector<std::vector<int32_t>> ends;
  std::vector<uint8_t> is_anchor;
  std::vector<uint8_t> starts_with_word;
};

std::vector<char16_t>& Scratch() {
  static thread_local std::vector<char16_t> buf;
  return buf;
}

bool ReadString(napi_env env, napi_value v, std::vector<char16_t>& out, size_t* len) {
  if (napi_get_value_string_utf16(env, v, nullptr, 0, len) != napi_ok) return false;
  if (out.size() < *len + 1) out.resize(*len + 1);
  size_t written = 0;
  return napi_get_value_string_utf16(env, v, out.data(), *len + 1, &written) == napi_ok;
}

void Finalize(napi_env, void* data, void*) { delete static_cast<Trie*>(data); }

napi_value Throw(napi_env env, const char* msg) {
  napi_throw_type_error(env, nullptr, msg);
  return nullptr;
}

// compile(terms: string[], anchors: Uint8Array) → handle
napi_value Compile(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < 2) return Throw(env, "compile(terms, anchors)");
  uint32_t n = 0;
  if (napi_get_array_length(env, argv[0], &n) != napi_ok) return Throw(env, "terms must be an array");
  napi_typedarray_type type;
  size_t flags_len = 0;
  void* flags_data = nullptr;
  if (napi_get_typedarray_info(env, argv[1], &type, &flags_len, &flags_data, nullptr, nullptr) != napi_ok ||
      type != napi_uint8_array || flags_len != n)
    return Throw(env, "anchors must be a Uint8Array with one flag per term");
  auto* trie = new Trie();
  std::vector<std::vector<uint16_t>> terms(n);
  int k = 0;
  for (uint32_t t = 0; t < n; t++) {
    napi_value s;
    napi_get_element(env, argv[0], t, &s);
    size_t len = 0;
    auto& buf = Scratch();
    if (!ReadString(env, s, buf, &len)) {
      delete trie;
      return Throw(env, "terms must be strings");
    }
    for (size_t i = 0; i < len; i++) {
      uint16_t c = Fold(buf[i]);
      terms[t].push_back(c);
      if (trie->alpha[c] < 0) trie->alpha[c] = static_cast<int16_t>(k++);
    }
  }
  for (uint32_t c = 0; c < 65536; c++) {
    uint16_t f = Fold(static_cast<uint16_t>(c));
    if (f != c && trie->alpha[f] >= 0) trie->alpha[c] = trie->alpha[f];
  }
  trie->k = k > 0 ? k : 1;
  trie->next.assign(trie->k, -1);
  trie->ends.emplace_back();
  for (uint32_t t = 0; t < n; t++) {
    int32_t s = 0;
    for (uint16_t c : terms[t]) {
      int x = trie->alpha[c];
      int32_t nx = trie->next[s * trie->k + x];
      if (nx < 0) {
        nx = static_cast<int32_t>(trie->ends.size());
        trie->ends.emplace_back();
        trie->next.resize(trie->next.size() + trie->k, -1);
        trie->next[s * trie->k + x] = nx;
      }
      s = nx;
    }
    trie->ends[s].push_back(static_cast<int32_t>(t));
    trie->is_anchor.push_back(static_cast<const uint8_t*>(flags_data)[t]);
    trie->starts_with_word.push_back(!terms[t].empty() && IsWord(terms[t][0]) ? 1 : 0);
  }
  napi_value handle;
  napi_create_external(env, trie, Finalize, nullptr, &handle);
  return handle;
}

// scan(handle, text: string, out: Int32Array) → number of hits (written while they fit)
napi_value Scan(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < 3) return Throw(env, "scan(handle, text, out)");
  void* data = nullptr;
  if (napi_get_value_external(env, argv[0], &data) != napi_ok) return Throw(env, "bad handle");
  const Trie& trie = *static_cast<Trie*>(data);
  size_t n = 0;
  auto& text = Scratch();
  if (!ReadString(env, argv[1], text, &n)) return Throw(env, "text must be a string");
  napi_typedarray_type type;
  size_t cap = 0;
  void* out_data = nullptr;
  if (napi_get_typedarray_info(env, argv[2], &type, &cap, &out_data, nullptr, nullptr) != napi_ok || type != napi_int32_array)
    return Throw(env, "out must be an Int32Array");
  int32_t* out = static_cast<int32_t*>(out_data);
  const int16_t* alpha = trie.alpha.data();
  const int32_t* next = trie.next.data();
  const int k = trie.k;
  size_t count = 0;
  const char16_t* s16 = text.data();
  for (size_t i = 0; i < n; i++) {
    uint16_t c = s16[i];
    int x0 = alpha[c];
    if (x0 < 0) continue;
    int32_t s = next[x0];
    if (s < 0) continue;
    bool word_start = false;
    if (IsWord(c)) {
      uint16_t p = i > 0 ? s16[i - 1] : 32;
      word_start = !IsWord(p) || (IsLower(p) && IsUpper(c));
    }
    size_t j = i + 1;
    while (s >= 0) {
      for (int32_t t : trie.ends[s]) {
        if (!trie.is_anchor[t]) {
          if (trie.starts_with_word[t] && !word_start) continue;
          uint16_t last = s16[j - 1];
          if (j < n && IsWord(last)) {
            uint16_t a = s16[j];
            if (IsWord(a) && !(IsLower(last) && IsUpper(a))) continue;
          }
        }
        if ((count + 1) * 3 <= cap) {
          out[count * 3] = static_cast<int32_t>(i);
          out[count * 3 + 1] = static_cast<int32_t>(j);
          out[count * 3 + 2] = t;
        }
        count++;
      }
      if (j >= n) break;
      int x = alpha[s16[j]];
      if (x < 0) break;
      s = next[s * k + x];
      j++;
    }
  }
  napi_value result;
  napi_create_double(env, static_cast<double>(count), &result);
  return result;
}

napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"compile", nullptr, Compile, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"scan", nullptr, Scan, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, 2, props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
