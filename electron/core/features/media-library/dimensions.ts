/** Width and height of an image as it is shown; read where media are stored (media/image-size.ts). */
export { imageSize } from '../../media/image-size';
