import { ScanError } from './scan.types';

// Frames are decoded at this width at most: enough for a QR code on a phone screen, cheap on old phones.
const MAX_DECODE_WIDTH = 640;

function overlay() {
  const root = document.createElement('div');
  root.setAttribute('role', 'dialog');
  root.setAttribute('aria-label', '扫描二维码');
  root.style.cssText = 'position:fixed;inset:0;z-index:10000;background:#000;display:flex;flex-direction:column;';
  const video = document.createElement('video');
  video.setAttribute('playsinline', 'true');
  video.muted = true;
  video.style.cssText = 'flex:1;width:100%;object-fit:cover;';
  const frame = document.createElement('div');
  frame.style.cssText =
    'position:absolute;left:50%;top:45%;width:64vw;height:64vw;transform:translate(-50%,-50%);' +
    'border:3px solid #e9b949;border-radius:12px;box-shadow:0 0 0 100vmax rgba(0,0,0,.45);';
  const hint = document.createElement('div');
  hint.textContent = '将二维码放入框内，即可自动扫描';
  hint.style.cssText = 'position:absolute;left:0;right:0;top:calc(45% + 36vw);text-align:center;color:#fff;font-size:14px;';
  const cancel = document.createElement('button');
  cancel.textContent = '取消';
  cancel.style.cssText =
    'position:absolute;left:50%;bottom:48px;transform:translateX(-50%);padding:10px 40px;font-size:16px;' +
    'color:#fff;background:rgba(255,255,255,.15);border:1px solid rgba(255,255,255,.6);border-radius:999px;';
  root.append(video, frame, hint, cancel);
  document.body.appendChild(root);
  return { root, video, cancel };
}

export async function scanQrCode(): Promise<string | null> {
  if (!navigator.mediaDevices?.getUserMedia) throw new ScanError('当前浏览器不支持摄像头扫码，请在微信中打开');
  // Loaded on first use so the decoder stays out of the pages that never scan.
  const { default: jsQR } = await import('jsqr');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch {
    throw new ScanError('无法使用摄像头，请允许浏览器访问相机后重试');
  }

  const { root, video, cancel } = overlay();
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  video.srcObject = stream;
  void video.play();

  return new Promise<string | null>((resolve) => {
    let frameId = 0;
    const finish = (text: string | null) => {
      cancelAnimationFrame(frameId);
      stream.getTracks().forEach((t) => t.stop());
      root.remove();
      resolve(text);
    };
    cancel.onclick = () => finish(null);
    const tick = () => {
      if (ctx && video.readyState >= video.HAVE_ENOUGH_DATA && video.videoWidth > 0) {
        const scale = Math.min(1, MAX_DECODE_WIDTH / video.videoWidth);
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
        const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
        const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        if (code?.data) return finish(code.data);
      }
      frameId = requestAnimationFrame(tick);
    };
    frameId = requestAnimationFrame(tick);
  });
}
