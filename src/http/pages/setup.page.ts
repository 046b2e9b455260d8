/**
 * The page behind the start-up banner's setup link: the first admin chooses a password with the
 * one-time code carried in the link's fragment (a fragment never reaches a server log or a
 * proxy). Vietnamese first, English beside it; no script or style from anywhere else.
 */
export const SETUP_PAGE_HTML = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đặt mật khẩu quản trị · ctd-fund-ledger</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 3rem auto; padding: 0 1rem; color: #1a1a1a; }
  h1 { font-size: 1.4rem; color: #b00020; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; margin-top: .3rem; }
  button { margin-top: 1.2rem; padding: .7rem 1.2rem; font-size: 1rem; background: #b00020; color: #fff; border: 0; border-radius: 4px; }
  p.en { color: #555; font-size: .9rem; }
  #result { margin-top: 1rem; }
</style>
</head>
<body>
<main>
  <h1>Đặt mật khẩu cho quản trị viên</h1>
  <p>Liên kết này chỉ dùng được một lần, trong 24 giờ. Mật khẩu cần ít nhất 10 ký tự.</p>
  <p class="en">Choose the admin's password. This link works once, within 24 hours; at least 10 characters.</p>
  <form id="setup">
    <label for="password">Mật khẩu mới (New password)</label>
    <input id="password" name="password" type="password" autocomplete="new-password" minlength="10" maxlength="200" required>
    <label for="again">Nhập lại mật khẩu (Repeat it)</label>
    <input id="again" name="again" type="password" autocomplete="new-password" minlength="10" maxlength="200" required>
    <button type="submit">Lưu mật khẩu</button>
  </form>
  <p id="result" role="status" aria-live="polite"></p>
  <p id="next" hidden><a href="/">Mở ứng dụng cho cán bộ để đăng nhập (Open the staff app)</a></p>
</main>
<script>
  const form = document.getElementById('setup');
  const result = document.getElementById('result');
  const code = decodeURIComponent(location.hash.slice(1));
  if (!code) result.textContent = 'Liên kết thiếu mã thiết lập: hãy mở đúng liên kết in ra khi máy chủ khởi động.';
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = form.password.value;
    if (password !== form.again.value) { result.textContent = 'Hai mật khẩu không giống nhau.'; return; }
    const answer = await fetch('/v1/setup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, password }) });
    if (answer.status === 204) {
      form.hidden = true;
      document.getElementById('next').hidden = false;
      result.textContent = 'Đã lưu mật khẩu. Tên đăng nhập của bạn là "admin". (Saved: sign in as "admin".)';
    } else if (answer.status === 401) {
      result.textContent = 'Mã thiết lập không còn hiệu lực (đã dùng, quá 24 giờ hoặc máy chủ đã khởi động lại).';
    } else if (answer.status === 400) {
      result.textContent = 'Mật khẩu cần từ 10 đến 200 ký tự.';
    } else {
      result.textContent = 'Không lưu được (mã lỗi ' + answer.status + '). Hãy thử lại.';
    }
  });
</script>
</body>
</html>
`;
